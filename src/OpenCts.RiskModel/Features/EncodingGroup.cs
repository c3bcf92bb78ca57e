using OpenCts.Domain.Common;
using OpenCts.RiskModel.Declarations;

namespace OpenCts.RiskModel.Features;

/// <summary>One or more declaration fields whose combined value gets a fraud-rate encoding and a frequency count.</summary>
public sealed record EncodingGroup(ValueList<DeclarationField> Fields)
{
    /// <summary>The group's name in feature names and manifests, such as <c>Hs6*Origin</c>.</summary>
    public string Name => string.Join('*', Fields);

    public static EncodingGroup Of(params DeclarationField[] fields) => new(new ValueList<DeclarationField>(fields));

    internal ulong KeyOf(Declaration declaration)
    {
        Span<ulong> hashes = stackalloc ulong[Fields.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = DeclarationFields.HashOf(declaration, Fields[i]);
        }
        return CategoryKey.Combine(hashes);
    }

    /// <summary>The key from field hashes already computed for the row, indexed by field.</summary>
    internal ulong KeyOf(ReadOnlySpan<ulong> fieldHashes)
    {
        Span<ulong> hashes = stackalloc ulong[Fields.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = fieldHashes[(int)Fields[i]];
        }
        return CategoryKey.Combine(hashes);
    }
}

/// <summary>The count of training rows with one key, and how many of them the examination found irregular.</summary>
internal readonly record struct CategoryStats(int Count, int Positives)
{
    public static CategoryStats operator +(CategoryStats a, CategoryStats b) => new(a.Count + b.Count, a.Positives + b.Positives);

    public static CategoryStats operator -(CategoryStats a, CategoryStats b) => new(a.Count - b.Count, a.Positives - b.Positives);

    /// <summary>The fraud rate pulled towards the prior by <paramref name="smoothing"/> pseudo-rows.</summary>
    public float Rate(double prior, double smoothing) => (float)((Positives + smoothing * prior) / (Count + smoothing));
}
