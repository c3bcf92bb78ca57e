using OpenCts.Commerce.Entities;

namespace OpenCts.Commerce.Tests.Entities;

public sealed class KeyMapTests
{
    [Fact]
    public void Every_key_added_reads_back_its_value_and_no_other_key_is_found()
    {
        var random = new Random(7);
        var map = new KeyMap();
        var expected = new Dictionary<long, int>();
        // Enough keys that pages split many times; 0, -1 and the extremes are keys like any other.
        long[] special = [0, -1, 1, long.MinValue, long.MaxValue];
        foreach (var key in special.Concat(Enumerable.Range(0, 300_000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue))))
        {
            ref var value = ref map.GetValueRefOrAddDefault(key, out var exists);
            Assert.Equal(expected.ContainsKey(key), exists);
            Assert.Equal(expected.GetValueOrDefault(key), value);
            value = expected[key] = random.Next();
        }
        Assert.Equal(expected.Count, map.Count);
        // Pages split many times over, the directory doubled with them.
        Assert.InRange(map.Pages, 300_005 / KeyMap.SplitAt, 300_005 / (KeyMap.SplitAt / 2));
        foreach (var (key, value) in expected)
        {
            Assert.True(map.TryGetValue(key, out var found), $"key {key}");
            Assert.Equal(value, found);
        }
        for (var i = 0; i < 100_000; i++)
        {
            var absent = random.NextInt64(long.MinValue, long.MaxValue);
            Assert.Equal(expected.ContainsKey(absent), map.TryGetValue(absent, out _));
        }
    }

    [Fact]
    public void A_value_changed_through_its_reference_is_what_the_map_holds_after_later_keys_make_it_grow()
    {
        var map = new KeyMap();
        map.GetValueRefOrAddDefault(42, out _) = 5;
        map.GetValueRefOrAddDefault(42, out var exists) += 1;
        for (long key = 1; key <= 50_000; key++)
        {
            map.GetValueRefOrAddDefault(key * 7919, out _) = (int)key;
        }
        Assert.True(exists);
        Assert.True(map.TryGetValue(42, out var value));
        Assert.Equal(6, value);
        Assert.True(map.TryGetValue(7919 * 50_000L, out var last));
        Assert.Equal(50_000, last);
    }
}
