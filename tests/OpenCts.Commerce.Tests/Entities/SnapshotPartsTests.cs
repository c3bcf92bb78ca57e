using System.Text;
using OpenCts.Commerce.Entities;

namespace OpenCts.Commerce.Tests.Entities;

/// <summary>The parts of the entity index that save themselves, each against a copy loaded from what it saved.</summary>
public sealed class SnapshotPartsTests
{
    [Fact]
    public void A_loaded_packed_arena_reads_every_record_and_goes_on_appending_and_sharing_as_the_saved_one()
    {
        var random = new Random(5);
        var arena = new PackedArena();
        var written = new List<(int Offset, byte[] Bytes)>();
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = Encoding.UTF8.GetBytes($"Trader {random.Next(900)} GmbH\u001fHauptstraße {random.Next(130)}\u001fKöln\u001f{random.Next(10_000, 99_999)}\u001f");
            written.Add((arena.Append(bytes), bytes));
        }
        // A read leaves a packed block unpacked: what is at hand must be the same in the copy.
        arena.Get(written[100].Offset, written[100].Bytes.Length);
        Assert.True(arena.Bytes < arena.TextBytes / 2, $"{arena.Bytes} bytes held for {arena.TextBytes}");

        var loaded = RoundTrip(arena, static (a, w) => a.Save(w), static r => Fill(new PackedArena(), a => a.Load(r, "arena")));

        Assert.Equal((arena.Bytes, arena.TextBytes), (loaded.Bytes, loaded.TextBytes));
        Assert.True(loaded.IsAtHand(written[100].Offset));
        Assert.False(loaded.IsAtHand(written[10_000].Offset));
        foreach (var (offset, bytes) in written)
        {
            Assert.True(loaded.Get(offset, bytes.Length).SequenceEqual(bytes), $"record at {offset}");
        }
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = Encoding.UTF8.GetBytes($"Buyer {i}\u001f{i % 77} Long Road\u001fCork\u001f");
            Assert.Equal(arena.Append(bytes), loaded.Append(bytes));
        }
        Assert.Equal((arena.Bytes, arena.TextBytes), (loaded.Bytes, loaded.TextBytes));
    }

    [Fact]
    public void A_loaded_key_map_finds_every_key_and_splits_its_pages_as_the_saved_one()
    {
        var random = new Random(9);
        var map = new KeyMap();
        var keys = new List<long> { 0 };
        keys.AddRange(Enumerable.Range(0, 60_000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)));
        foreach (var key in keys)
        {
            map.GetValueRefOrAddDefault(key, out _) = keys.Count + (int)(key & 0xFFFF);
        }
        Assert.True(map.Pages > 4, $"{map.Pages} pages");

        var loaded = RoundTrip(map, static (m, w) => m.Save(w), static r => Fill(new KeyMap(), m => m.Load(r, "map")));

        Assert.Equal((map.Count, map.Pages), (loaded.Count, loaded.Pages));
        foreach (var key in keys)
        {
            Assert.True(loaded.TryGetValue(key, out var value) && map.TryGetValue(key, out var expected) && value == expected, $"key {key}");
        }
        for (var i = 0; i < 60_000; i++)
        {
            var key = random.NextInt64(long.MinValue, long.MaxValue);
            Assert.Equal(map.GetValueRefOrAddDefault(key, out var exists), loaded.GetValueRefOrAddDefault(key, out var existsInLoaded));
            Assert.Equal(exists, existsInLoaded);
        }
        Assert.Equal((map.Count, map.Pages), (loaded.Count, loaded.Pages));
    }

    [Fact]
    public void A_loaded_chunked_list_holds_every_item_and_refuses_items_of_another_size()
    {
        var list = new ChunkedList<(int, long)>();
        for (var i = 0; i < 40_000; i++)
        {
            list.Add((i, -3L * i));
        }

        var saved = Save(list, static (l, w) => l.Save(w));
        var loaded = Load(saved, static r => Fill(new ChunkedList<(int, long)>(), l => l.Load(r, "list")));

        Assert.Equal(list.Count, loaded.Count);
        Assert.All(Enumerable.Range(0, list.Count), i => Assert.Equal(list[i], loaded[i]));
        var error = Assert.Throws<InvalidDataException>(() => Load(saved, static r => Fill(new ChunkedList<long>(), l => l.Load(r, "list"))));
        Assert.Equal("list: items of 16 bytes, this build keeps 8", error.Message);
    }

    private static T RoundTrip<T>(T part, Action<T, BinaryWriter> save, Func<BinaryReader, T> load) => Load(Save(part, save), load);

    private static byte[] Save<T>(T part, Action<T, BinaryWriter> save) => SavedState.Save(writer => save(part, writer));

    private static T Load<T>(byte[] saved, Func<BinaryReader, T> load) => SavedState.Load(saved, load);

    private static T Fill<T>(T empty, Action<T> load)
    {
        load(empty);
        return empty;
    }
}
