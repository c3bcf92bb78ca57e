using OpenCts.Ingestion.Pipeline;

namespace OpenCts.Ingestion.Tests.Pipeline;

/// <summary>The arrays a bulk intake reads its files into: lent, given back once the files' messages are stored, and lent again.</summary>
public class FileBuffersTests
{
    [Theory]
    [InlineData(64 * 1024, 64 * 1024)]
    [InlineData(64 * 1024 + 1, 128 * 1024)]
    [InlineData(95_000, 128 * 1024)]
    [InlineData(150_000, 256 * 1024)]
    [InlineData(FileBuffers.LargestPooled, FileBuffers.LargestPooled)]
    public void A_file_of_64_KiB_or_more_is_lent_the_power_of_two_that_holds_it(int length, int expected)
    {
        var array = new FileBuffers().Rent(length, out var lent);

        Assert.True(lent);
        Assert.Equal(expected, array.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000)]
    [InlineData(FileBuffers.SmallestPooled - 1)]
    [InlineData(FileBuffers.LargestPooled + 1)]
    public void A_file_too_small_or_too_large_to_pool_gets_an_array_of_its_own_exactly_as_long(int length)
    {
        var array = new FileBuffers().Rent(length, out var lent);

        Assert.False(lent);
        Assert.Equal(length, array.Length);
    }

    [Fact]
    public void An_array_given_back_is_lent_again_for_a_file_of_the_same_power_of_two()
    {
        var buffers = new FileBuffers();
        var first = buffers.Rent(100_000, out _);
        buffers.Return(first);

        var second = buffers.Rent(120_000, out _);
        var third = buffers.Rent(100_000, out _);

        Assert.Same(first, second);
        Assert.NotSame(first, third);
        Assert.Equal(0, buffers.KeptBytes);
    }

    [Fact]
    public void An_array_is_not_lent_for_a_file_of_another_power_of_two()
    {
        var buffers = new FileBuffers();
        var small = buffers.Rent(100_000, out _);
        buffers.Return(small);

        var large = buffers.Rent(200_000, out _);

        Assert.NotSame(small, large);
        Assert.Equal(small.Length, buffers.KeptBytes);
    }

    [Fact]
    public void Arrays_given_back_past_the_bound_are_dropped_not_kept()
    {
        var buffers = new FileBuffers(keptBytes: 3 * 128 * 1024);
        var arrays = Enumerable.Range(0, 5).Select(i => buffers.Rent(100_000, out _)).ToList();

        arrays.ForEach(buffers.Return);

        Assert.Equal(3 * 128 * 1024, buffers.KeptBytes);
        var again = Enumerable.Range(0, 5).Select(i => buffers.Rent(100_000, out _)).ToList();
        Assert.Equal(3, again.Count(a => arrays.Contains(a)));
    }

    [Fact]
    public void An_array_the_pool_did_not_lend_is_refused()
    {
        var buffers = new FileBuffers();

        Assert.Throws<ArgumentException>(() => buffers.Return(new byte[100_000]));
        Assert.Throws<ArgumentException>(() => buffers.Return(new byte[1_000]));
        Assert.Equal(0, buffers.KeptBytes);
    }

    [Fact]
    public void A_file_read_into_a_lent_array_reads_as_the_same_file_read_alone()
    {
        var folder = Directory.CreateTempSubdirectory("cts-buffers-").FullName;
        try
        {
            var path = Path.Combine(folder, "big.csv");
            var lines = string.Concat(Enumerable.Range(1, 2_000).Select(i => $"x,M1,{i:00000000},masterAirWaybill,,import,air,HKHKG,NLAMS,,,1,TABLET COMPUTERS {i},100\n"));
            File.WriteAllText(path, "sender,messageId,documentNumber,documentKind,masterNumber,direction,mode,placeOfLoading,placeOfDischarge,departure,estimatedArrival,itemSequence,description,grossMassKg\n" + lines);
            var buffers = new FileBuffers();
            // A used array, full of other bytes, is what the file is read into.
            var used = buffers.Rent((int)new FileInfo(path).Length, out _);
            Array.Fill(used, (byte)'#');
            buffers.Return(used);

            var alone = new FileReceiver(MessageFormats.All, TimeProvider.System).Read(path, TestContext.Current.CancellationToken);
            var lent = new FileReceiver(MessageFormats.All, TimeProvider.System, buffers: buffers).Read(path, TestContext.Current.CancellationToken);

            Assert.Same(used, lent.Lent);
            Assert.Null(alone.Lent);
            Assert.Equal(File.ReadAllBytes(path), lent.Messages.Single().Raw.ToArray());
            Assert.Equal(2_000, lent.Messages.Single().Consignments.Count);
            Assert.Equal(alone.Messages.Single().Consignments.Select(c => c.Document.Key), lent.Messages.Single().Consignments.Select(c => c.Document.Key));
            Assert.Empty(lent.Messages.Single().Issues);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
