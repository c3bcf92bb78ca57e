namespace OpenCts.Bench.Quality;

/// <summary>Generated variants of listed names, and how many of each kind were dropped because the index sees them as the listed name itself.</summary>
/// <param name="Variants">The variants to screen: each differs, once normalised, from the name it came from.</param>
/// <param name="DroppedIdentity">For each kind, the variants dropped because their normalised tokens equal those of the name they came from.</param>
/// <remarks>An identity variant is an exact match by construction: counting it would raise recall without testing anything.</remarks>
public sealed record VariantSet(IReadOnlyList<NameVariant> Variants, IReadOnlyDictionary<VariantKind, int> DroppedIdentity)
{
    /// <summary>Variants made before identity variants were dropped.</summary>
    public int Generated => Variants.Count + Dropped;

    public int Dropped => DroppedIdentity.Values.Sum();
}
