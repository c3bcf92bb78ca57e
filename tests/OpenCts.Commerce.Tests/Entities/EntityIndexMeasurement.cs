using System.Diagnostics;
using System.Globalization;
using OpenCts.Commerce.Entities;
using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Tests.Entities;

/// <summary>
/// Measures the entity index at e-commerce scale: records per second of <see cref="EntityIndex.Add"/> alone and the
/// managed memory it holds. Explicit, so it runs only when asked:
/// <c>tests/OpenCts.Commerce.Tests/bin/Release/net10.0/OpenCts.Commerce.Tests -method "*Measure_*" -explicit only -showLiveOutput</c>
/// (<c>ENTITY_PARCELS</c> sets the parcels, 1,000,000 by default).
/// </summary>
public sealed class EntityIndexMeasurement(ITestOutputHelper output)
{
    [Fact(Explicit = true)]
    public void Measure_a_million_parcels_of_two_to_three_parties()
    {
        var parcels = int.Parse(Environment.GetEnvironmentVariable("ENTITY_PARCELS") ?? "1000000", CultureInfo.InvariantCulture);
        var population = new SyntheticPopulation(seed: 1);
        var buyers = population.People(parcels * 2 / 5);
        var sellers = new SyntheticPopulation(seed: 2).People(5000);
        var forwarders = new SyntheticPopulation(seed: 3).People(200);
        var random = new Random(4);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new EntityIndex();
        var batch = new List<PartyRecord>(300_000);
        var adding = new Stopwatch();
        var cpu = TimeSpan.Zero;
        long added = 0;
        for (var parcel = 0; parcel < parcels;)
        {
            batch.Clear();
            for (; parcel < parcels && batch.Count < 250_000; parcel++)
            {
                var doc = $"PCL{parcel:D9}";
                var at = Parties.Day0.AddDays(180.0 * parcel / parcels);
                var value = 5 + random.Next(200);
                // Repeat buyers are few and frequent: a skewed pick.
                var buyer = buyers[(int)(buyers.Count * Math.Pow(random.NextDouble(), 1.6))];
                batch.Add(population.Record(sellers[(int)(sellers.Count * Math.Pow(random.NextDouble(), 2))], doc, at, value, PartyRole.Consignor));
                batch.Add(population.Record(buyer, doc, at, value));
                if (random.Next(2) == 0)
                {
                    batch.Add(population.Record(forwarders[random.Next(forwarders.Count)], doc, at, value, PartyRole.NotifyParty));
                }
            }
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            adding.Start();
            foreach (var record in batch)
            {
                index.Add(record);
            }
            adding.Stop();
            cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            added += batch.Count;
        }
        batch.Clear();
        batch.TrimExcess();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(index);
        var rate = added / adding.Elapsed.TotalSeconds;
        var cpuRate = added / cpu.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{parcels:N0} parcels, {added:N0} records, {index.EntitySlots:N0} entities: {rate:N0} records/s wall ({adding.Elapsed.TotalSeconds:N1} s), {cpuRate:N0} records per CPU-second of the process ({cpu.TotalSeconds:N1} s, GC included), " +
            $"index {(after - before) / 1048576.0:N0} MiB managed ({(after - before) / (double)added:N0} bytes/record, raw text {index.RawTextBytes / 1048576.0:N0} MiB), " +
            $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB"));
        Assert.Equal(added, index.RecordCount);
    }
}
