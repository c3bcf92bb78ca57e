namespace OpenCts.Bench.Quality;

/// <summary>How a variant of a listed name was made.</summary>
public enum VariantKind
{
    WordOrder,
    DroppedMiddleName,
    Typo,
    Accents,
    Alias,
    CompanyForm,
}

/// <summary>A name that screening must find: a listed name or alias changed the way traders and clerks change names.</summary>
/// <param name="Query">The changed name.</param>
/// <param name="List">The list of the entry it comes from.</param>
/// <param name="EntryId">The entry it comes from.</param>
/// <param name="Kind">How it was changed.</param>
/// <param name="From">The listed name it was made from.</param>
public sealed record NameVariant(string Query, string List, string EntryId, VariantKind Kind, string From);
