using System.Buffers.Binary;
using OpenCts.Commerce.Entities;

namespace OpenCts.Commerce.Tests.Entities;

public sealed partial class EntityIndexSnapshotTests
{
    private static readonly Lazy<(byte[] Saved, int Records)> Small = new(() =>
    {
        var index = new EntityIndex();
        IndexWorkload.Run(index, 0, 600);
        return (Save(index), index.RecordCount);
    });

    [Fact]
    public void An_index_cut_short_anywhere_is_refused_as_truncated()
    {
        var (saved, _) = Small.Value;
        var cuts = Enumerable.Range(0, 60).Select(i => (int)((long)saved.Length * i / 60)).Concat([1, 7, 13, saved.Length - 4, saved.Length - 1]);
        foreach (var cut in cuts)
        {
            var error = Assert.Throws<InvalidDataException>(() => Load(saved[..cut]));
            Assert.True(error.Message.EndsWith("truncated", StringComparison.Ordinal), $"cut at {cut} of {saved.Length}: {error.Message}");
        }
    }

    [Fact]
    public void An_input_that_is_not_an_entity_index_is_refused_by_its_tag()
    {
        var saved = Small.Value.Saved.ToArray();
        saved[0] = (byte)'X';

        var error = Assert.Throws<InvalidDataException>(() => Load(saved));
        Assert.Equal("entity index: bad tag 'XIDX', expected 'EIDX'", error.Message);
    }

    [Fact]
    public void An_index_of_another_format_version_is_refused_with_both_versions()
    {
        var saved = Small.Value.Saved.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(saved.AsSpan(4), 99);

        var error = Assert.Throws<InvalidDataException>(() => Load(saved));
        Assert.Equal("entity index: format version 99, this build reads version 2", error.Message);
    }

    [Fact]
    public void A_count_out_of_range_is_refused_with_the_part_it_counts()
    {
        var saved = Small.Value.Saved.ToArray();
        // After the header, where the second half begins and the records' tag: the number of records.
        BinaryPrimitives.WriteInt32LittleEndian(saved.AsSpan(20), -3);

        var error = Assert.Throws<InvalidDataException>(() => Load(saved));
        Assert.Equal($"entity index: records: count -3 out of range (0 to {int.MaxValue})", error.Message);
    }

    [Fact]
    public void A_part_that_is_not_where_it_should_be_is_refused_by_its_tag()
    {
        var (original, records) = Small.Value;
        var saved = original.ToArray();
        // The entities' tag follows the records: header, where the second half begins, tag, count, size and 56 bytes a record.
        saved[28 + (56 * records)] = (byte)'X';

        var error = Assert.Throws<InvalidDataException>(() => Load(saved));
        Assert.Equal("entity index: bad tag 'XNTS' where the part 'ENTS' begins", error.Message);
    }
}
