using System.Text;
using OpenCts.Commerce.Entities;
using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Tests.Entities;

public sealed class PackedArenaTests
{
    [Fact]
    public void Every_record_reads_back_its_bytes_in_any_order_after_its_block_is_packed_and_text_that_repeats_is_held_in_a_fraction_of_its_size()
    {
        var random = new Random(11);
        var arena = new PackedArena();
        var written = new List<(int Offset, byte[] Bytes)>();
        string[] cities = ["Rotterdam", "Hamburg", "Antwerpen", "Le Havre", "Gdańsk", "Köln"];
        for (var i = 0; i < 40_000; i++)
        {
            // Party text as the index writes it: repeating words, a few unique digits, now and then a record of random
            // bytes that does not pack, and now and then one the size of a whole block.
            var bytes = (i % 5_000) switch
            {
                17 => RandomBytes(random, 3_000),
                4_999 => RandomBytes(random, PackedArena.MaxLength),
                _ => Encoding.UTF8.GetBytes($"Trader {i % 977} GmbH\u001fHauptstraße {i % 131}\u001f{cities[i % cities.Length]}\u001f{10_000 + (i % 4_000)}\u001fDE\u001f+49 30 {i:D7}\u001finfo{i % 977}@example.de\u001f"),
            };
            written.Add((arena.Append(bytes), bytes));
        }
        foreach (var i in Enumerable.Range(0, written.Count).OrderBy(_ => random.Next()))
        {
            var (offset, bytes) = written[i];
            Assert.True(arena.Get(offset, bytes.Length).SequenceEqual(bytes), $"record {i}");
        }
        Assert.Equal(written.Sum(w => (long)w.Bytes.Length), arena.TextBytes);
        var incompressible = written.Where(w => w.Bytes.Length >= 3_000).Sum(w => (long)w.Bytes.Length);
        Assert.InRange(arena.Bytes, incompressible, incompressible + ((arena.TextBytes - incompressible) / 3));
    }

    [Fact]
    public void A_record_longer_than_a_block_is_refused_with_its_length()
    {
        var arena = new PackedArena();
        var error = Assert.Throws<ArgumentException>(() => arena.Append(new byte[PackedArena.MaxLength + 1]));
        Assert.Contains($"{PackedArena.MaxLength + 1} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_index_explains_a_link_to_a_record_whose_text_was_packed_many_blocks_ago()
    {
        var index = new EntityIndex();
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        index.Add(new PartyRecord("DOC-0", PartyRole.Consignee, "Jane Example", "1 Quay Street", "Dublin", "D02 X285", "IE", "+353 1 555 0100", "jane@example.ie", [], at, 10));
        // Enough other parties (each its own entity) that the first record's block is packed long before the repeat.
        for (var i = 1; i <= 6_000; i++)
        {
            index.Add(new PartyRecord($"DOC-{i}", PartyRole.Consignee, $"Buyer {i} Person{i}", $"{i} Long Road", "Cork", $"T12 {i:D4}", "IE", $"+353 21 {i:D7}", $"buyer{i}@example.ie", [], at, 10));
        }
        Assert.True(index.RawTextBytes < 6_000 * 60, $"{index.RawTextBytes} bytes held for about 6,000 records of 80 bytes");
        index.Add(new PartyRecord("DOC-LATE", PartyRole.Consignee, "J. Example", null, null, null, "IE", null, "JANE@example.ie", [], at.AddDays(1), 10));
        var reason = index.Explain("DOC-LATE", PartyRole.Consignee)[0];
        Assert.Equal("same e-mail JANE@example.ie (as jane@example.ie on DOC-0)", reason.Text);
        Assert.Equal("DOC-0", reason.OtherDocument);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
