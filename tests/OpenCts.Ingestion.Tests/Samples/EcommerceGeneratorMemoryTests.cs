using OpenCts.Ingestion.Samples.Ecommerce;

namespace OpenCts.Ingestion.Tests.Ecommerce;

/// <summary>Tests that read the process's heap run alone: other tests allocating at the same time would move it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    public const string Name = "memory measurements";
}

/// <summary>The generator's memory, measured with no other test running.</summary>
[Collection(MemoryMeasurements.Name)]
public sealed class EcommerceGeneratorMemoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_stream_is_lazy_and_its_memory_does_not_grow_with_the_parcels_taken()
    {
        using var parcels = new EcommerceGenerator(3, new EcommerceOptions(Start)).Generate(1_000_000).GetEnumerator();
        long after20k = 0;
        for (var i = 1; i <= 150_000 && parcels.MoveNext(); i++)
        {
            if (i == 20_000)
            {
                after20k = GC.GetTotalMemory(forceFullCollection: true);
            }
        }
        var after150k = GC.GetTotalMemory(forceFullCollection: true);

        Assert.True(after150k - after20k < 8 * 1024 * 1024, $"memory grew by {(after150k - after20k) / 1024} KiB from parcel 20,000 to 150,000");
    }
}
