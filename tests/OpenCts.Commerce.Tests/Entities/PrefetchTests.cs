using OpenCts.Commerce.Entities;
using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Tests.Entities;

/// <summary>Fetching the next party's keys into the cache (<see cref="EntityIndex.Prefetch"/>) must change nothing the index holds or answers.</summary>
public sealed class PrefetchTests
{
    /// <summary>Repeat buyers under varying spellings, a few thousand parcels of them, each made ready as a page of new consignments is (<see cref="ProbedParty"/>).</summary>
    private static List<ProbedParty> Parcels()
    {
        var population = new SyntheticPopulation(seed: 41);
        var people = population.People(900);
        var random = new Random(42);
        var parties = new List<ProbedParty>();
        for (var parcel = 0; parcel < 4_000; parcel++)
        {
            var person = people[random.Next(people.Count)];
            var at = Parties.Day0.AddHours(parcel);
            parties.Add(new ProbedParty(population.Record(person, $"PCL-{parcel:D5}", at, 10 + (parcel % 90))));
            if (parcel % 3 == 0)
            {
                // Most parcels have one seller among a few; a third name a notify party too.
                parties.Add(new ProbedParty(Parties.Consignee($"PCL-{parcel:D5}", $"Shop {parcel % 17}", "Main Street 1", "Shenzhen", "518000", "CN", role: PartyRole.Consignor)));
            }
        }
        return parties;
    }

    [Fact]
    public void Parties_added_each_after_the_next_is_prefetched_link_and_count_as_parties_added_without()
    {
        var parties = Parcels();
        var plain = new EntityIndex();
        var prefetched = new EntityIndex();

        var expected = parties.Select(p => plain.Add(p)).ToList();
        var facts = new List<string>();
        for (var i = 0; i < parties.Count; i++)
        {
            if (i + 1 < parties.Count)
            {
                prefetched.Prefetch(parties[i + 1]);
            }
            // The party itself once more, already known or not: prefetching never adds.
            prefetched.Prefetch(parties[i]);
            facts.Add(prefetched.Add(parties[i]).ToString());
        }

        Assert.Equal(expected.Select(f => f.ToString()), facts);
        Assert.Equal((plain.RecordCount, plain.EntitySlots, plain.DocumentCount), (prefetched.RecordCount, prefetched.EntitySlots, prefetched.DocumentCount));
        Assert.True(plain.EntitySlots < plain.RecordCount / 2, $"{plain.EntitySlots} entities for {plain.RecordCount} records: the buyers should have linked");
    }

    [Fact]
    public void Prefetching_a_party_the_index_has_never_seen_adds_neither_its_document_nor_its_keys()
    {
        var index = new EntityIndex();
        var known = new ProbedParty(Parties.Consignee("PCL-1", "Jan de Vries", "Kalverstraat 12", "Amsterdam", "1012 NX", phone: "+31 6 1234 5678"));
        index.Add(known);
        var stranger = new ProbedParty(Parties.Consignee("PCL-2", "Jan de Vries", "Kalverstraat 12", "Amsterdam", "1012 NX", phone: "+31 6 1234 5678"));

        index.Prefetch(stranger);

        Assert.Equal((1, 1, 1), (index.RecordCount, index.EntitySlots, index.DocumentCount));
        Assert.Null(index.FactsOf("PCL-2", PartyRole.Consignee));
        // Added afterwards, it joins the party it matches, as it would have without the prefetch.
        Assert.Equal(index.EntityOf("PCL-1", PartyRole.Consignee), index.Add(stranger).EntityId);
    }
}
