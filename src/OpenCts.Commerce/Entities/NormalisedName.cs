namespace OpenCts.Commerce.Entities;

/// <summary>A party name reduced to what identifies it: folded words without titles or company forms, sorted.</summary>
/// <param name="Key">The sorted words separated by single spaces, such as <c>SMITH JOHN</c>; empty when nothing is left.</param>
/// <param name="IsCompany">True when the name carried a company form (Ltd, GmbH, B.V. and the like).</param>
public readonly record struct NormalisedName(string Key, bool IsCompany)
{
    /// <summary>True when no word is left to compare.</summary>
    public bool IsEmpty => Key.Length == 0;

    /// <inheritdoc/>
    public override string ToString() => Key;
}
