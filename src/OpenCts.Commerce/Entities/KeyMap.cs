namespace OpenCts.Commerce.Entities;

/// <summary>A map from 64-bit keys (hashes) to ints, open-addressed in segments that grow one at a time.</summary>
/// <remarks>
/// The entity index keeps millions of keys. A <see cref="Dictionary{TKey,TValue}"/> costs 28 bytes a key, up to twice
/// that in unused capacity, and when it grows it makes arrays of twice the size beside the old ones, which the
/// collector frees only at its next full collection: at a million parcels its key chains alone took 170 MB, and
/// 500 MB for a while after each growth. Here a slot costs 12 bytes, slots are at most 80 % full, and only one of
/// 4,096 segments grows at a time, by half. Up to about 25 million keys a segment's arrays stay under the
/// collector's 85 KB threshold for the large-object heap, which it does not compact: growth leaves no holes there.
/// Keys are expected to be hashes already; they are mixed again so that FNV's weak low bits do not cluster.
/// </remarks>
internal sealed class KeyMap
{
    private const int SegmentBits = 12;
    private const int InitialCapacity = 16;

    private readonly Segment[] segments = new Segment[1 << SegmentBits];
    private bool hasZero;
    private int zeroValue;

    public KeyMap()
    {
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = new Segment(InitialCapacity);
        }
    }

    /// <summary>How many keys the map holds.</summary>
    public int Count { get; private set; }

    public bool TryGetValue(long key, out int value)
    {
        if (key == 0)
        {
            value = zeroValue;
            return hasZero;
        }
        var mixed = Mix(key);
        var segment = segments[SegmentOf(mixed)];
        var slot = segment.Find(key, mixed);
        if (slot < 0)
        {
            value = 0;
            return false;
        }
        value = segment.Values[slot];
        return true;
    }

    /// <summary>The value of a key, added as 0 when it is new.</summary>
    /// <remarks>The reference is valid until the next key is added.</remarks>
    public ref int GetValueRefOrAddDefault(long key, out bool exists)
    {
        if (key == 0)
        {
            exists = hasZero;
            if (!hasZero)
            {
                hasZero = true;
                zeroValue = 0;
                Count++;
            }
            return ref zeroValue;
        }
        var mixed = Mix(key);
        var segment = segments[SegmentOf(mixed)];
        var slot = segment.Find(key, mixed);
        exists = slot >= 0;
        if (!exists)
        {
            slot = segment.Add(key, mixed);
            Count++;
        }
        return ref segment.Values[slot];
    }

    private static int SegmentOf(ulong mixed) => (int)(mixed >> (64 - SegmentBits));

    // The finaliser of MurmurHash3: every bit of the key reaches every bit of the result.
    private static ulong Mix(long key)
    {
        var h = (ulong)key;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        return h ^ (h >> 33);
    }

    /// <summary>Linear probing over one segment's slots; key 0 marks a free slot (the map keeps key 0 aside).</summary>
    private sealed class Segment(int capacity)
    {
        private long[] keys = new long[capacity];
        private int count;

        public int[] Values { get; private set; } = new int[capacity];

        public int Find(long key, ulong mixed)
        {
            var keys = this.keys;
            var slot = Start(mixed, keys.Length);
            while (true)
            {
                var found = keys[slot];
                if (found == key)
                {
                    return slot;
                }
                if (found == 0)
                {
                    return -1;
                }
                slot = slot + 1 == keys.Length ? 0 : slot + 1;
            }
        }

        public int Add(long key, ulong mixed)
        {
            if ((count + 1) * 5L > keys.Length * 4L)
            {
                Grow();
            }
            count++;
            return Place(keys, key, mixed);
        }

        private static int Place(long[] keys, long key, ulong mixed)
        {
            var slot = Start(mixed, keys.Length);
            while (keys[slot] != 0)
            {
                slot = slot + 1 == keys.Length ? 0 : slot + 1;
            }
            keys[slot] = key;
            return slot;
        }

        private void Grow()
        {
            var capacity = keys.Length + keys.Length / 2;
            var newKeys = new long[capacity];
            var newValues = new int[capacity];
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i] != 0)
                {
                    newValues[Place(newKeys, keys[i], Mix(keys[i]))] = Values[i];
                }
            }
            keys = newKeys;
            Values = newValues;
        }

        // The low 32 bits scaled to the capacity (the segment's number came from the top bits).
        private static int Start(ulong mixed, int capacity) => (int)(((mixed & 0xFFFFFFFFUL) * (ulong)capacity) >> 32);
    }
}
