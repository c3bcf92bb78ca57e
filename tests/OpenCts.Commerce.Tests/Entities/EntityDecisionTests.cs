using OpenCts.Commerce.Entities;
using OpenCts.Domain.Consignments;
using static OpenCts.Commerce.Tests.Entities.Parties;

namespace OpenCts.Commerce.Tests.Entities;

public sealed class EntityDecisionTests
{
    private static EntityIndex TwoPeopleOnOnePhone()
    {
        // A household phone: two people the index cannot tell apart until an analyst does.
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "Anna Berg", "Damrak 1", "Amsterdam", "1012LG", phone: "0612345678", email: "anna@example.com"));
        index.Add(Consignee("DOC-2", "Peter Berg", "Damrak 1", "Amsterdam", "1012LG", phone: "0612345678", email: "peter@example.com", day: 1));
        index.Add(Consignee("DOC-3", "Anna Berg", "Damrak 1", "Amsterdam", "1012LG", email: "anna@example.com", day: 2));
        return index;
    }

    [Fact]
    public void A_split_makes_a_new_entity_and_recounts_both()
    {
        var index = TwoPeopleOnOnePhone();
        Assert.Equal(3, index.FactsOf("DOC-3", PartyRole.Consignee)!.Consignments);
        var change = index.Split("E-000001", [("DOC-2", PartyRole.Consignee)]);
        Assert.Equal(new EntityChange("E-000002", "E-000001", 1, "analyst split 1 records of E-000001 into E-000002"), change);
        Assert.Equal("E-000002", index.EntityOf("DOC-2", PartyRole.Consignee));
        var anna = index.FactsOf("DOC-3", PartyRole.Consignee)!;
        Assert.Equal((2, 1, 2), (anna.Consignments, anna.NameVariants, anna.Parcels30d));
        var peter = index.FactsOf("DOC-2", PartyRole.Consignee)!;
        Assert.Equal((1, 1, 0.0), (peter.Consignments, peter.NameVariants, peter.FirstSeenDays));
        Assert.Equal("an analyst split it off into E-000002", Assert.Single(index.Explain("DOC-2", PartyRole.Consignee)).Text);
    }

    [Fact]
    public void After_a_split_a_later_record_with_keys_of_both_joins_only_one()
    {
        var index = TwoPeopleOnOnePhone();
        index.Split("E-000001", [("DOC-2", PartyRole.Consignee)]);
        // Peter's e-mail and the shared phone: it belongs with Peter, and must not glue the two back together.
        var facts = index.Add(Consignee("DOC-4", "Peter Berg", "Damrak 1", "Amsterdam", "1012LG", phone: "0612345678", email: "peter@example.com", day: 3));
        Assert.Equal("E-000002", facts.EntityId);
        Assert.Equal(2, facts.Consignments);
        Assert.Equal("E-000001", index.EntityOf("DOC-1", PartyRole.Consignee));
        Assert.Equal("E-000001", index.Add(Consignee("DOC-5", "Anna Berg", email: "anna@example.com", day: 4)).EntityId);
    }

    [Fact]
    public void A_merge_joins_two_entities_under_the_older_id_and_lifts_a_split()
    {
        var index = TwoPeopleOnOnePhone();
        index.Split("E-000001", [("DOC-2", PartyRole.Consignee)]);
        var change = index.Merge("E-000002", "E-000001");
        Assert.Equal(new EntityChange("E-000001", "E-000002", 1, "analyst merged E-000002 into E-000001 (1 records)"), change);
        Assert.Equal(3, index.FactsOf("DOC-2", PartyRole.Consignee)!.Consignments);
        Assert.Equal("an analyst merged E-000002 into E-000001", index.Explain("DOC-2", PartyRole.Consignee)[^1].Text);
        Assert.Equal(0, index.Merge("E-000001", "E-000002").RecordsMoved);
    }

    [Fact]
    public void Decisions_about_unknown_entities_or_records_are_refused_with_the_reason()
    {
        var index = TwoPeopleOnOnePhone();
        Assert.Contains("entity 'E-000042' is not in the index", Assert.Throws<ArgumentException>(() => index.Merge("E-000001", "E-000042")).Message, StringComparison.Ordinal);
        Assert.Contains("no record DOC-9 Consignee", Assert.Throws<ArgumentException>(() => index.Split("E-000001", [("DOC-9", PartyRole.Consignee)])).Message, StringComparison.Ordinal);
        Assert.Contains("every record", Assert.Throws<ArgumentException>(() =>
            index.Split("E-000001", [("DOC-1", PartyRole.Consignee), ("DOC-2", PartyRole.Consignee), ("DOC-3", PartyRole.Consignee)])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replaying_records_and_decisions_in_order_rebuilds_the_same_entities()
    {
        static List<string> Run()
        {
            var index = new EntityIndex();
            var random = new Random(7);
            var seen = new List<string>();
            for (var i = 0; i < 400; i++)
            {
                var person = random.Next(60);
                var record = Consignee(
                    $"DOC-{i}",
                    random.Next(3) == 0 ? $"P{person} Surname{person % 17}" : $"Person{person} Surname{person % 17}",
                    $"Street{person % 25} {person % 7}",
                    "Town",
                    $"10{person % 25:D2}AB",
                    phone: random.Next(2) == 0 ? $"06{person:D8}" : null,
                    email: random.Next(2) == 0 ? $"p{person}@mail.test" : null,
                    day: i / 20.0);
                seen.Add(index.Add(record).ToString());
                if (i == 200)
                {
                    var id = index.EntityOf("DOC-150", PartyRole.Consignee)!;
                    seen.Add(index.Split(id, [("DOC-150", PartyRole.Consignee)]).ToString());
                }
                if (i == 300)
                {
                    seen.Add(index.Merge(index.EntityOf("DOC-10", PartyRole.Consignee)!, index.EntityOf("DOC-20", PartyRole.Consignee)!).ToString());
                }
            }
            for (var i = 0; i < 400; i++)
            {
                seen.Add(index.EntityOf($"DOC-{i}", PartyRole.Consignee)!);
                seen.AddRange(index.Explain($"DOC-{i}", PartyRole.Consignee).Select(r => r.Text));
            }
            return seen;
        }

        Assert.Equal(Run(), Run());
    }
}
