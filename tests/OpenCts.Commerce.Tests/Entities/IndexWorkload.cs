using System.Globalization;
using System.Text.Json;
using OpenCts.Commerce.Entities;
using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Tests.Entities;

/// <summary>
/// A seeded run of an entity index's life, parcel by parcel: sellers, repeat buyers, forwarders and a courier phone
/// shared by many names; consignments noted without parties; examinations, some changed and some ahead of their
/// parcel; analysts' splits, merges, and merges that lift a split; over 75 days, with records a few days late.
/// Run over the same parcels against two indexes in the same state, it does the same to both and logs what each answered.
/// </summary>
internal static class IndexWorkload
{
    public const int Parcels = 2_500;

    private const string CourierPhone = "+31 20 555 0100";

    // Every parcel's records, made once: the run only reads them, so both indexes get the very same records.
    private static readonly Lazy<List<PartyRecord>[]> Records = new(Make);

    public static string Document(int parcel) => $"PCL-{parcel:D5}";

    /// <summary>Feeds parcels <paramref name="from"/> to <paramref name="to"/> (excluded) and the decisions among them; returns every answer.</summary>
    public static List<string> Run(EntityIndex index, int from, int to)
    {
        var log = new List<string>();
        EntityChange? lastSplit = null;
        for (var parcel = from; parcel < to; parcel++)
        {
            var doc = Document(parcel);
            foreach (var note in "ABCDE")
            {
                log.Add(index.AddDocument($"MSG-{parcel}-{note}").ToString());
            }
            if (parcel % 97 == 0)
            {
                // The result arrives before the parties: it is counted when they do.
                index.RecordExamination(Document(parcel + 20), found: true);
            }
            foreach (var record in Records.Value[parcel])
            {
                log.Add(index.Add(record).ToString());
            }
            if (parcel % 11 == 0)
            {
                index.RecordExamination(doc, found: parcel % 3 == 0);
            }
            if (parcel % 55 == 0)
            {
                index.RecordExamination(Document(parcel - 50), found: parcel % 2 == 0);
            }
            if (parcel % 400 == 399 && SplitNewest(index, Document(parcel - 1)) is { } split)
            {
                log.Add(split.ToString());
                lastSplit = split;
            }
            if (parcel % 800 == 0 && lastSplit is not null)
            {
                // The analyst changes their mind: the merge lifts the split.
                log.Add(index.Merge(lastSplit.EntityId, lastSplit.Other).ToString());
                lastSplit = null;
            }
            if (parcel == 1_000)
            {
                // A household phone that an analyst splits: the split must hold after the save.
                log.Add(index.Add(Parties.Consignee("HH-1", "Anna Berg", "Damrak 1", "Amsterdam", "1012LG", phone: "0612345678", email: "anna@example.com", day: 40)).ToString());
                log.Add(index.Add(Parties.Consignee("HH-2", "Peter Berg", "Damrak 1", "Amsterdam", "1012LG", phone: "0612345678", email: "peter@example.com", day: 41)).ToString());
                log.Add(index.Add(Parties.Consignee("HH-3", "Anna Berg", "Damrak 1", "Amsterdam", "1012LG", email: "anna@example.com", day: 42)).ToString());
                log.Add(index.Split(index.EntityOf("HH-1", PartyRole.Consignee)!, [("HH-2", PartyRole.Consignee)]).ToString());
            }
            if (parcel == 2_000)
            {
                // Peter's e-mail and the shared phone: with the split forgotten, it would glue the two back together.
                log.Add(index.Add(Parties.Consignee("HH-4", "Peter Berg", "Damrak 1", "Amsterdam", "1012LG", phone: "0612345678", email: "peter@example.com", day: 70)).ToString());
            }
            if (parcel % 400 == 199)
            {
                var a = index.EntityOf(Document(parcel - 1), PartyRole.Consignee)!;
                var b = index.EntityOf(Document(parcel - 7), PartyRole.Consignee)!;
                log.Add(index.Merge(a, b).ToString());
            }
        }
        return log;
    }

    /// <summary>Every answer the index gives about the parcels and entities it holds, in a fixed order.</summary>
    public static List<string> Answers(EntityIndex index)
    {
        var answers = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{index.RecordCount} records, {index.EntitySlots} entities, {index.DocumentCount} documents, {index.RawTextBytes} bytes"),
        };
        var documents = Enumerable.Range(0, Parcels + 20).Select(Document).Concat(["HH-1", "HH-2", "HH-3", "HH-4"]).ToList();
        for (var d = 0; d < documents.Count; d++)
        {
            foreach (var role in (PartyRole[])[PartyRole.Consignor, PartyRole.Consignee, PartyRole.NotifyParty])
            {
                var doc = documents[d];
                answers.Add($"{doc} {role} {index.EntityOf(doc, role)} {index.FactsOf(doc, role)}");
                // Explanations unpack the text of both records of each link: a third of them is enough to compare.
                if (d % 3 != 0)
                {
                    continue;
                }
                answers.AddRange(index.Explain(doc, role).Select(r => r.ToString() + " " + r.OtherDocument?.Length + " " + r.Score.ToString("R", CultureInfo.InvariantCulture)));
            }
        }
        for (var entity = 1; entity <= index.EntitySlots + 1; entity++)
        {
            // A merged id shows the page of the entity it is part of now: that page is written once, under its own id.
            var id = $"E-{entity:D6}";
            var view = index.Entity(id);
            answers.Add(view?.EntityId == id ? JsonSerializer.Serialize(view) : $"{id} is {view?.EntityId}");
        }
        return answers;
    }

    /// <summary>Splits the newest record off the consignee's entity of a document, when the entity has another.</summary>
    private static EntityChange? SplitNewest(EntityIndex index, string doc)
    {
        var id = index.EntityOf(doc, PartyRole.Consignee)!;
        var records = index.Entity(id)!.Records;
        return records.Count < 2 ? null : index.Split(id, [(records[^1].DocumentKey, records[^1].Role)]);
    }

    private static List<PartyRecord>[] Make()
    {
        var population = new SyntheticPopulation(seed: 21);
        var buyers = population.People(1_500);
        var sellers = new SyntheticPopulation(seed: 22).People(300);
        var forwarders = new SyntheticPopulation(seed: 23).People(30);
        var random = new Random(24);
        var parcels = new List<PartyRecord>[Parcels + 20];
        for (var parcel = 0; parcel < parcels.Length; parcel++)
        {
            var doc = Document(parcel);
            // 75 days in all, and one record in 13 a few days late.
            var at = Parties.Day0.AddDays((75.0 * parcel / Parcels) - (random.Next(13) == 0 ? random.Next(1, 6) : 0));
            var value = 5 + random.Next(300);
            var buyer = population.Record(buyers[(int)(buyers.Count * Math.Pow(random.NextDouble(), 1.8))], doc, at, value);
            parcels[parcel] =
            [
                population.Record(sellers[(int)(sellers.Count * Math.Pow(random.NextDouble(), 2))], doc, at, value, PartyRole.Consignor),
                parcel % 7 == 0 ? buyer with { Phone = CourierPhone } : buyer,
            ];
            if (random.Next(2) == 0)
            {
                parcels[parcel].Add(population.Record(forwarders[random.Next(forwarders.Count)], doc, at, value, PartyRole.NotifyParty));
            }
        }
        return parcels;
    }
}
