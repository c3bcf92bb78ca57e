using OpenCts.Commerce.Entities;
using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Tests.Entities;

public sealed class DocumentKeyTests
{
    [Fact]
    public void Document_keys_whose_hashes_collide_stay_apart_and_the_index_links_as_it_does_with_distinct_hashes()
    {
        var population = new SyntheticPopulation(11);
        var people = population.People(400);
        var random = new Random(12);
        var records = Enumerable.Range(0, 1_500)
            .Select(i => population.Record(people[random.Next(people.Count)], $"DOC-{i:D5}-ÆØ", Parties.Day0.AddHours(i), 20 + i % 7))
            .ToList();
        var usual = new EntityIndex();
        // Every key hashes alike, and a second hash makes half of them meet the first key kept: both paths of the lookup.
        var colliding = new EntityIndex(key => key.GetHashCode(StringComparison.Ordinal) & 1);
        foreach (var record in records)
        {
            Assert.Equal(usual.Add(record), colliding.Add(record));
        }
        foreach (var record in records)
        {
            Assert.Equal(usual.EntityOf(record.DocumentKey, PartyRole.Consignee), colliding.EntityOf(record.DocumentKey, PartyRole.Consignee));
            Assert.Equal(
                usual.Explain(record.DocumentKey, PartyRole.Consignee).Select(r => r.Text),
                colliding.Explain(record.DocumentKey, PartyRole.Consignee).Select(r => r.Text));
        }
        Assert.Null(colliding.EntityOf("DOC-99999-ÆØ", PartyRole.Consignee));
        Assert.Equal(records.Count, colliding.RecordCount);
    }

    [Fact]
    public void A_record_for_a_document_and_role_already_indexed_is_not_counted_again_when_its_key_hash_is_shared()
    {
        var index = new EntityIndex(_ => 99);
        var first = index.Add(Parties.Consignee("DOC-1", "John Smith", "Kalverstraat 12", "Amsterdam", "1012AB", value: 25));
        index.Add(Parties.Consignee("DOC-2", "Jane Doe", "Damrak 1", "Amsterdam", "1012LG", value: 30));
        Assert.Equal(first, index.Add(Parties.Consignee("DOC-1", "John Smith", "Kalverstraat 12", "Amsterdam", "1012AB", value: 25)));
        Assert.Equal(2, index.RecordCount);
    }

    [Fact]
    public void A_document_is_noted_once_whether_first_noted_or_named_by_a_record_and_a_key_too_long_for_the_arena_is_kept_whole()
    {
        var index = new EntityIndex();
        var longKey = "MBL-" + new string('Ж', 40_000);
        Assert.True(index.AddDocument("DOC-1"));
        Assert.False(index.AddDocument("DOC-1"));
        index.Add(new PartyRecord("DOC-2", PartyRole.Consignee, "Ana Pereira", "Rua Augusta 10", "Lisboa", "1100-053", "PT", null, "ana@example.pt", [], Parties.Day0, 10));
        Assert.False(index.AddDocument("DOC-2"));
        Assert.True(index.AddDocument(longKey));
        Assert.False(index.AddDocument(longKey));
        index.Add(new PartyRecord(longKey, PartyRole.Consignee, "A. Pereira", null, "Lisboa", null, "PT", null, "ANA@example.pt", [], Parties.Day0.AddDays(1), 10));
        Assert.Equal(3, index.DocumentCount);
        Assert.Equal(index.EntityOf("DOC-2", PartyRole.Consignee), index.EntityOf(longKey, PartyRole.Consignee));
        var merged = index.Entity(index.EntityOf("DOC-2", PartyRole.Consignee)!)!;
        Assert.Contains(merged.Records, r => r.DocumentKey == longKey);
    }
}
