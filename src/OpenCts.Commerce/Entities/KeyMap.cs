using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace OpenCts.Commerce.Entities;

/// <summary>A map from 64-bit keys (hashes) to ints, in pages of fixed size that split as they fill (extendible hashing).</summary>
/// <remarks>
/// <para>
/// The entity index keeps tens of millions of keys. A <see cref="Dictionary{TKey,TValue}"/> costs 28 bytes a key, up to
/// twice that in unused capacity, and when it grows it makes arrays of twice the size beside the old ones. Any table
/// that grows by copying itself leaves the old arrays behind, and the collector's background collections of the
/// oldest generation do not compact: in <c>cts assess</c> over a million consignments a third of the heap was such
/// holes.
/// </para>
/// <para>
/// Here no array is ever dropped. A key's top bits choose a page from a directory; a page holds 8,192 slots of 12
/// bytes (under the collector's 85 KB threshold for the large-object heap), probed linearly from the key's low bits.
/// A page that is fifteen sixteenths full splits in two by its next top bit: it keeps the keys without that bit and a
/// new page takes the others. Only the directory, a small array of page references, is ever reallocated. Pages fill
/// from half to the threshold between splits, so the threshold sets how much of the map is empty slots: at four fifths
/// a million consignments' twenty million keys took 477 MB, nearly twice their 12 bytes each. Lookups that miss (most,
/// as most keys are new) probe further in a fuller page, but within one page's contiguous slots: assessing the million
/// took 66.6 s with pages split at fifteen sixteenths and 64.9 s at seven eighths.
/// </para>
/// <para>Keys are expected to be hashes already; they are mixed again so that FNV's weak bits do not cluster.</para>
/// </remarks>
internal sealed partial class KeyMap
{
    private const int PageBits = 13;
    private const int PageSlots = 1 << PageBits;
    internal const int SplitAt = PageSlots * 15 / 16;

    private Page[] directory = [new Page(0)];
    private int globalDepth;
    private bool hasZero;
    private int zeroValue;
    private long[]? scratchKeys;
    private int[]? scratchValues;

    /// <summary>How many keys the map holds.</summary>
    public int Count { get; private set; }

    /// <summary>How many pages the map holds (each <see cref="PageSlots"/> slots).</summary>
    internal int Pages { get; private set; } = 1;

    public bool TryGetValue(long key, out int value)
    {
        if (key == 0)
        {
            value = zeroValue;
            return hasZero;
        }
        var mixed = Mix(key);
        var page = directory[DirectoryIndex(mixed)];
        var slot = page.Find(key, mixed);
        value = slot < 0 ? 0 : page.Values[slot];
        return slot >= 0;
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
        var page = directory[DirectoryIndex(mixed)];
        var slot = page.Find(key, mixed);
        exists = slot >= 0;
        if (exists)
        {
            return ref page.Values[slot];
        }
        while (page.Count == SplitAt)
        {
            Split(page);
            page = directory[DirectoryIndex(mixed)];
        }
        slot = page.Place(key, mixed);
        Count++;
        return ref page.Values[slot];
    }

    /// <summary>Asks the processor to bring the key's first slot into its cache, so that a lookup of it shortly after does not wait on memory.</summary>
    /// <remarks>
    /// A map of millions of keys misses the cache on nearly every lookup, and the records of a consignment are added one
    /// after another on one thread: fetching the next one's slots while this one is linked hides most of the wait. It
    /// only reads, and tolerates a map that a writer on another thread is changing: it may then fetch the wrong line.
    /// </remarks>
    public unsafe void Prefetch(long key)
    {
        if (key == 0 || !Sse.IsSupported)
        {
            return;
        }
        var mixed = Mix(key);
        // The directory is read once and the index checked against it: a split on another thread may have grown one and not yet the other.
        var pages = directory;
        var index = DirectoryIndex(mixed);
        if ((uint)index < (uint)pages.Length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref pages[index].SlotOf(mixed)));
        }
    }

    private int DirectoryIndex(ulong mixed) => globalDepth == 0 ? 0 : (int)(mixed >> (64 - globalDepth));

    /// <summary>Splits a full page by its next top bit: the page keeps the keys without it, a new page takes the rest.</summary>
    private void Split(Page page)
    {
        if (page.Depth == globalDepth)
        {
            // Every entry doubles: both halves point at the page the entry pointed at.
            var doubled = new Page[directory.Length * 2];
            for (var i = 0; i < directory.Length; i++)
            {
                doubled[2 * i] = doubled[(2 * i) + 1] = directory[i];
            }
            directory = doubled;
            globalDepth++;
        }
        var depth = page.Depth + 1;
        var sibling = new Page(depth);
        Pages++;
        scratchKeys ??= new long[PageSlots];
        scratchValues ??= new int[PageSlots];
        page.MoveTo(scratchKeys, scratchValues, depth);
        var bit = 64 - depth;
        for (var i = 0; i < PageSlots; i++)
        {
            var key = scratchKeys[i];
            if (key != 0)
            {
                var mixed = Mix(key);
                var to = ((mixed >> bit) & 1) == 0 ? page : sibling;
                to.Values[to.Place(key, mixed)] = scratchValues[i];
            }
        }
        // The directory entries of the old page whose next bit is set now lead to the sibling.
        var shift = globalDepth - depth;
        for (var i = 0; i < directory.Length; i++)
        {
            if (ReferenceEquals(directory[i], page) && ((i >> shift) & 1) == 1)
            {
                directory[i] = sibling;
            }
        }
    }

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

    /// <summary>Linear probing over one page's slots from the key's low bits; key 0 marks a free slot (the map keeps key 0 aside).</summary>
    private sealed partial class Page(int depth)
    {
        private readonly long[] keys = new long[PageSlots];

        public int[] Values { get; } = new int[PageSlots];

        /// <summary>How many top bits of the mixed hash all keys of this page share.</summary>
        public int Depth { get; private set; } = depth;

        public int Count { get; private set; }

        /// <summary>The key's first slot, where its probe starts.</summary>
        public ref long SlotOf(ulong mixed) => ref keys[FirstSlot(mixed)];

        private static int FirstSlot(ulong mixed) => (int)mixed & (PageSlots - 1);

        public int Find(long key, ulong mixed)
        {
            for (var slot = FirstSlot(mixed); ; slot = (slot + 1) & (PageSlots - 1))
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
            }
        }

        public int Place(long key, ulong mixed)
        {
            var slot = FirstSlot(mixed);
            while (keys[slot] != 0)
            {
                slot = (slot + 1) & (PageSlots - 1);
            }
            keys[slot] = key;
            Count++;
            return slot;
        }

        /// <summary>Copies the page's slots out, empties it and gives it its new depth.</summary>
        public void MoveTo(long[] toKeys, int[] toValues, int newDepth)
        {
            keys.CopyTo(toKeys, 0);
            Values.CopyTo(toValues, 0);
            Array.Clear(keys);
            Array.Clear(Values);
            Count = 0;
            Depth = newDepth;
        }
    }
}
