namespace OpenCts.Commerce.Classification;

/// <summary>Turns a goods description into hashed features: words, pairs of neighbouring words, and character 3- to 5-grams of each word.</summary>
/// <remarks>
/// Words carry the meaning (<c>earbuds</c>, <c>handbag</c>); character n-grams carry it across spellings, plurals and
/// compounds the training text never had (<c>earbud</c>, <c>earphones</c>, <c>headphone</c> share <c>&lt;ear</c>, <c>phon</c>).
/// Features are hashed (FNV-1a) into <see cref="Buckets"/> without building a string, so a prediction allocates
/// nothing. Words of the nomenclature's boilerplate (<c>other</c>, <c>whether</c>, <c>including</c>) are dropped.
/// </remarks>
internal static class DescriptionFeatures
{
    /// <summary>The number of hash buckets (2^20): few enough for an offset table of 4 MB, many enough that collisions are rare.</summary>
    public const int Buckets = 1 << 20;

    /// <summary>The weight of a word or a pair of words.</summary>
    public const float WordWeight = 1f;

    /// <summary>The weight of one character n-gram: a word gives about fifteen of them, which must not outvote the word.</summary>
    public const float GramWeight = 0.2f;

    /// <summary>The most characters read from a description when predicting.</summary>
    public const int MaxPredictChars = 300;

    private const int MaxWord = 24;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "or", "of", "the", "for", "with", "without", "in", "on", "to", "by", "from", "as", "at", "its",
        "their", "other", "others", "than", "whether", "not", "nor", "including", "excluding", "n", "e", "c", "nes",
        "heading", "headings", "subheading", "chapter", "kind", "kinds", "used", "parts", "thereof", "therefor", "such",
        "being", "be", "but", "which", "similar", "like", "etc", "kg", "g", "pcs", "pc", "x", "set", "sets", "new",
        // What sellers add to any parcel: it says nothing about the goods.
        "free", "shipping", "brand", "original", "sample", "gift", "size", "model", "box", "premium", "cheap", "quality",
        "pack", "piece", "pieces", "item", "items", "lot", "high", "hot", "sale", "style", "genuine", "fashion",
    };

    private static readonly System.Collections.Frozen.FrozenSet<string> Stop = System.Collections.Frozen.FrozenSet.ToFrozenSet(StopWords, StringComparer.Ordinal);

    /// <summary>Writes the features of a text into <paramref name="ids"/> and <paramref name="weights"/>; returns how many (at most their length).</summary>
    public static int Extract(ReadOnlySpan<char> text, Span<int> ids, Span<float> weights)
    {
        var stop = Stop.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> word = stackalloc char[MaxWord + 2];
        var count = 0;
        uint previous = 0;
        var i = 0;
        while (i < text.Length && count < ids.Length)
        {
            // A word: a run of letters and digits, lower-cased, at most MaxWord long (the rest of a longer run is dropped).
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var length = 0;
            var letters = 0;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                if (length < MaxWord)
                {
                    var c = char.ToLowerInvariant(text[i]);
                    word[1 + length++] = c;
                    letters += char.IsLetter(c) ? 1 : 0;
                }
                i++;
            }
            length = Stem(word.Slice(1, length));
            var w = word.Slice(1, length);
            if (letters == 0 || length < 2 || stop.Contains(w))
            {
                continue;
            }
            var wordHash = Hash(2166136261u ^ 'w', w);
            Add(ids, weights, ref count, wordHash, WordWeight);
            if (previous != 0)
            {
                Add(ids, weights, ref count, Mix(previous, wordHash), WordWeight);
            }
            previous = wordHash;
            // Character n-grams of the word marked at both ends: "<ear", "buds>".
            word[0] = '<';
            word[length + 1] = '>';
            var marked = word[..(length + 2)];
            for (var n = 3; n <= 5; n++)
            {
                for (var s = 0; s + n <= marked.Length; s++)
                {
                    Add(ids, weights, ref count, Hash(2166136261u ^ (uint)n, marked.Slice(s, n)), GramWeight);
                }
            }
        }
        return count;
    }

    private static void Add(Span<int> ids, Span<float> weights, ref int count, uint hash, float weight)
    {
        if (count < ids.Length)
        {
            ids[count] = (int)(hash & (Buckets - 1));
            weights[count] = weight;
            count++;
        }
    }

    private static uint Hash(uint seed, ReadOnlySpan<char> text)
    {
        var hash = seed * 16777619u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash ^ (hash >> 15);
    }

    private static uint Mix(uint a, uint b)
    {
        var hash = (a * 0x9E3779B1u) ^ (b + 0x7F4A7C15u + (a << 6) + (a >> 2));
        return hash ^ (hash >> 13) ^ 0xB16B00B5u;
    }

    /// <summary>Plural to singular for English nouns (<c>shoes</c>, <c>batteries</c>, <c>watches</c>); returns the new length.</summary>
    private static int Stem(Span<char> w)
    {
        var n = w.Length;
        if (n > 4 && w[n - 1] == 's')
        {
            if (w[n - 2] == 'e' && w[n - 3] == 'i')
            {
                w[n - 3] = 'y';
                return n - 2;
            }
            if (w[n - 2] == 'e' && (w[n - 3] is 'x' or 'z' || (w[n - 3] == 'h' && w[n - 4] is 'c' or 's') || (w[n - 3] == 's' && w[n - 4] == 's')))
            {
                return n - 2;
            }
            if (w[n - 2] is not ('s' or 'u' or 'i'))
            {
                return n - 1;
            }
        }
        return n;
    }
}
