using OpenCts.Commerce.Entities;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using static OpenCts.Commerce.Tests.Entities.Parties;

namespace OpenCts.Commerce.Tests.Entities;

public sealed class EntityLinkingTests
{
    [Fact]
    public void A_first_record_begins_entity_one_with_facts_of_its_own()
    {
        var index = new EntityIndex();
        var facts = index.Add(Consignee("DOC-1", "John Smith", "Kalverstraat 12", "Amsterdam", "1012AB", value: 25));
        Assert.Equal(new OpenCts.Domain.Commerce.EntityFacts("E-000001", 0, 1, 0, 0, 1, 1, 25, 1), facts);
        Assert.Equal(LinkKind.NewEntity, Assert.Single(index.Explain("DOC-1", PartyRole.Consignee)).Kind);
    }

    [Fact]
    public void The_same_gmail_mailbox_links_whatever_the_dots_and_tags()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-123", "Shop Buyer", email: "jsmith+shop@gmail.com"));
        var facts = index.Add(Consignee("DOC-124", "Totally Other Name", email: "j.smith@gmail.com", day: 2));
        Assert.Equal(("E-000001", 2, 2, 2.0), (facts.EntityId, facts.Consignments, facts.NameVariants, facts.FirstSeenDays));
        var reason = Assert.Single(index.Explain("DOC-124", PartyRole.Consignee));
        Assert.Equal("same e-mail j.smith@gmail.com (as jsmith+shop@gmail.com on DOC-123)", reason.Text);
        Assert.Equal("DOC-123", reason.OtherDocument);
    }

    [Fact]
    public void The_same_phone_in_any_format_links()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "A Person", phone: "06-12345678", country: "NL"));
        index.Add(Consignee("DOC-2", "Someone Else", phone: "+31 6 1234 5678", country: "NL"));
        Assert.Equal("E-000001", index.EntityOf("DOC-2", PartyRole.Consignee));
        Assert.Equal("same phone +31612345678 (as +31 6 1234 5678 here and 06-12345678 on DOC-1)", index.Explain("DOC-2", PartyRole.Consignee)[0].Text);
    }

    [Fact]
    public void The_same_identifier_links()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "Acme BV", ids: new PartyIdentifier("EORI", "NL123456789")));
        index.Add(Consignee("DOC-2", "Globex", ids: new PartyIdentifier("eori", "nl 123 456 789")));
        Assert.Equal("E-000001", index.EntityOf("DOC-2", PartyRole.Consignee));
        Assert.Equal("same EORI NL123456789 (on DOC-1)", index.Explain("DOC-2", PartyRole.Consignee)[0].Text);
    }

    [Fact]
    public void The_same_name_at_the_same_address_links()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "John Smith", "Kalverstraat 12", "Amsterdam", "1012 AB"));
        index.Add(Consignee("DOC-2", "SMITH, John", "Kalverstraat Nr. 12, apt 3", "AMSTERDAM", "1012ab"));
        Assert.Equal("E-000001", index.EntityOf("DOC-2", PartyRole.Consignee));
        Assert.Equal("same name \"JOHN SMITH\" at the same address 1012AB 12 (on DOC-1)", index.Explain("DOC-2", PartyRole.Consignee)[0].Text);
    }

    [Fact]
    public void An_initial_at_the_same_address_links_with_its_score()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "Smith John", "Kalverstraat 12", "Amsterdam", "1012AB"));
        index.Add(Consignee("DOC-2", "J. Smith", "Kalverstraat 12", "Amsterdam", "1012AB"));
        Assert.Equal("E-000001", index.EntityOf("DOC-2", PartyRole.Consignee));
        var reason = index.Explain("DOC-2", PartyRole.Consignee)[0];
        Assert.Equal(LinkKind.FuzzyNameAndAddress, reason.Kind);
        Assert.Equal("name \"J SMITH\" ≈ \"JOHN SMITH\" (0.95) at the same address 1012AB 12 (on DOC-1)", reason.Text);
    }

    [Fact]
    public void A_typo_in_the_name_within_the_same_postcode_links()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "Katarzyna Kowalska", "Kalverstraat 12", "Amsterdam", "1012AB"));
        index.Add(Consignee("DOC-2", "Katarzyna Kowalksa", "Kalverstr 14", "Amsterdam", "1012AB"));
        Assert.Equal("E-000001", index.EntityOf("DOC-2", PartyRole.Consignee));
        Assert.Equal(LinkKind.FuzzyNameAndPostcode, index.Explain("DOC-2", PartyRole.Consignee)[0].Kind);
    }

    [Fact]
    public void Two_different_people_at_the_same_address_stay_apart_but_share_the_address_count()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "John Smith", "Kalverstraat 12", "Amsterdam", "1012AB"));
        var facts = index.Add(Consignee("DOC-2", "Maria Garcia", "Kalverstraat 12", "Amsterdam", "1012AB", day: 1));
        Assert.Equal("E-000002", facts.EntityId);
        Assert.Equal((1, 2), (facts.Parcels30d, facts.AddressParcels30d));
    }

    [Fact]
    public void Jon_Smith_is_not_John_Smithson_at_the_same_address()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "John Smithson", "Kalverstraat 12", "Amsterdam", "1012AB"));
        Assert.Equal("E-000002", index.Add(Consignee("DOC-2", "Jon Smith", "Kalverstraat 12", "Amsterdam", "1012AB")).EntityId);
    }

    [Fact]
    public void The_same_name_at_another_address_does_not_link()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "John Smith", "Kalverstraat 12", "Amsterdam", "1012AB"));
        Assert.Equal("E-000002", index.Add(Consignee("DOC-2", "John Smith", "Damrak 1", "Amsterdam", "1012LG")).EntityId);
    }

    [Fact]
    public void A_record_matching_two_entities_merges_them_and_the_older_id_survives()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "John Smith", email: "john@example.com"));
        index.Add(Consignee("DOC-2", "Johnny S", phone: "+31612345678"));
        var facts = index.Add(Consignee("DOC-3", "J S", phone: "0612345678", email: "JOHN@example.com", day: 3));
        Assert.Equal(("E-000001", 3, 3), (facts.EntityId, facts.Consignments, facts.NameVariants));
        Assert.Equal("E-000001", index.EntityOf("DOC-2", PartyRole.Consignee));
        var why = index.Explain("DOC-2", PartyRole.Consignee);
        Assert.Equal(2, why.Count);
        Assert.Equal("E-000002 merged into E-000001 when DOC-3 Consignee matched both: same phone +31612345678 (as 0612345678 here and +31612345678 on DOC-2)", why[1].Text);
    }

    [Fact]
    public void A_consignment_where_one_entity_plays_two_roles_counts_once()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "Acme", email: "a@acme.test", role: PartyRole.Consignor, value: 100));
        var facts = index.Add(Consignee("DOC-1", "Acme", email: "a@acme.test", role: PartyRole.Consignee, value: 100));
        Assert.Equal(("E-000001", 1, 1, 100.0), (facts.EntityId, facts.Consignments, facts.Parcels30d, facts.Value30d));
    }

    [Fact]
    public void Adding_the_same_document_and_role_again_changes_nothing()
    {
        var index = new EntityIndex();
        var first = index.Add(Consignee("DOC-1", "John Smith", email: "john@example.com"));
        var again = index.Add(Consignee("DOC-1", "John Smith", email: "john@example.com"));
        Assert.Equal(first, again);
        Assert.Equal(1, index.RecordCount);
    }

    [Fact]
    public void Examinations_count_on_every_entity_of_the_consignment_and_a_later_result_replaces_an_earlier()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "Seller Co", email: "s@seller.test", role: PartyRole.Consignor));
        index.Add(Consignee("DOC-1", "Buyer", email: "b@buyer.test"));
        index.RecordExamination("DOC-1", found: false);
        index.RecordExamination("DOC-1", found: true);
        var seller = index.FactsOf("DOC-1", PartyRole.Consignor)!;
        var buyer = index.FactsOf("DOC-1", PartyRole.Consignee)!;
        Assert.Equal((1, 1), (seller.Examined, seller.Seizures));
        Assert.Equal((1, 1), (buyer.Examined, buyer.Seizures));
        index.RecordExamination("DOC-1", found: false);
        Assert.Equal((1, 0), (index.FactsOf("DOC-1", PartyRole.Consignee)!.Examined, index.FactsOf("DOC-1", PartyRole.Consignee)!.Seizures));
    }

    [Fact]
    public void An_examination_recorded_before_the_parties_arrive_counts_when_they_do()
    {
        var index = new EntityIndex();
        index.RecordExamination("DOC-1", found: true);
        var facts = index.Add(Consignee("DOC-1", "Buyer"));
        Assert.Equal((1, 1), (facts.Examined, facts.Seizures));
    }

    [Fact]
    public void A_record_from_a_domain_party_keeps_its_address_contacts_and_identifiers()
    {
        var party = new Party(
            PartyRole.Consignee,
            "Jane Doe",
            new Address("Kalverstraat 12", "Amsterdam", "1012AB", CountryCode.Parse("NL")),
            identifiers: [new PartyIdentifier("EORI", "NL1")],
            phone: "0612345678",
            email: "jane@example.com");
        var record = PartyRecord.From("DOC-9", party, Day0, 12.5);
        Assert.Equal(("DOC-9", PartyRole.Consignee, "Kalverstraat 12", "Amsterdam", "1012AB", "NL", "0612345678", "jane@example.com"),
            (record.DocumentKey, record.Role, record.Street, record.City, record.Postcode, record.Country, record.Phone, record.Email));
        Assert.Equal("NL1", Assert.Single(record.Identifiers).Value);
    }

    [Fact]
    public void A_record_without_a_name_is_refused_naming_the_document_and_role()
    {
        var index = new EntityIndex();
        var error = Assert.Throws<ArgumentException>(() => index.Add(Consignee("DOC-7", " ")));
        Assert.StartsWith("party record DOC-7 Consignee: name is empty", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, index.RecordCount);
    }

    [Fact]
    public void The_entity_page_shows_records_contacts_and_counterparties()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "Shenzhen Gadget Co Ltd", email: "sales@gadget.test", role: PartyRole.Consignor, country: "CN"));
        index.Add(Consignee("DOC-1", "John Smith", "Kalverstraat 12", "Amsterdam", "1012AB", phone: "0612345678"));
        index.Add(Consignee("DOC-2", "Shenzhen Gadget Company", email: "Sales@Gadget.test", role: PartyRole.Consignor, country: "CN", day: 1));
        index.Add(Consignee("DOC-2", "J. Smith", "Kalverstraat 12", "Amsterdam", "1012AB", day: 1));
        var view = index.Entity(index.EntityOf("DOC-2", PartyRole.Consignee)!)!;
        Assert.Equal(["DOC-1", "DOC-2"], view.Records.Select(r => r.DocumentKey));
        Assert.Equal(["J. Smith"], view.Records.Skip(1).Select(r => r.Name));
        Assert.Equal(["J SMITH", "JOHN SMITH"], view.NameVariants);
        Assert.Equal(["KALVERSTRAAT 12, 1012AB, AMSTERDAM, NL"], view.Addresses);
        Assert.Equal(["+31612345678"], view.Phones);
        var seller = Assert.Single(view.Counterparties);
        Assert.Equal((index.EntityOf("DOC-1", PartyRole.Consignor), PartyRole.Consignor, 2, "Shenzhen Gadget Company"), (seller.EntityId, seller.Role, seller.Consignments, seller.Name));
        Assert.Null(index.Entity("E-999999"));
        Assert.Null(index.Entity("nonsense"));
    }

    [Fact]
    public void Names_outside_the_basic_plane_and_in_other_scripts_come_back_as_written()
    {
        var index = new EntityIndex();
        var name = "Ζωή 𝒜𝓁𝒾𝒸𝑒 Иванова " + new string('x', 300);
        index.Add(Consignee("DOC-1", name, "Straße 1", "Köln", "50667", country: "DE", email: "zoe@example.com"));
        Assert.Equal(name, index.Entity("E-000001")!.Records[0].Name);
    }

    [Fact]
    public void A_courier_phone_on_many_buyers_stops_linking_once_it_stands_for_many_names()
    {
        var index = new EntityIndex();
        string[] buyers = ["Anna Berg", "Li Wei", "Maria Garcia", "Ahmed Khan", "Olga Petrova", "Jan Jansen", "Sofia Rossi", "Pablo Lopez", "Emma Visser", "Noah Bakker", "Chloe Martin", "David Cohen"];
        for (var i = 0; i < buyers.Length; i++)
        {
            index.Add(Consignee($"DOC-{i}", buyers[i], phone: "+31 20 555 0100"));
        }
        Assert.Equal("E-000001", index.EntityOf("DOC-9", PartyRole.Consignee));
        Assert.Equal("E-000002", index.EntityOf("DOC-10", PartyRole.Consignee));
        Assert.Equal(EntityIndex.SharedContactNames, index.Entity("E-000001")!.NameVariants.Count);
        // A name the entity has used still links through the shared phone.
        Assert.Equal("E-000001", index.Add(Consignee("DOC-99", "Anna Berg", phone: "020 555 0100")).EntityId);
    }
}
