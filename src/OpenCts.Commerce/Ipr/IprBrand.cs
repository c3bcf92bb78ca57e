using OpenCts.Domain.Common;

namespace OpenCts.Commerce.Ipr;

/// <summary>A protected brand of the rights-holder register, with what the rights holder has told customs about its genuine goods.</summary>
/// <param name="Name">The brand as the rights holder writes it.</param>
/// <param name="Goods">The goods it covers, in words.</param>
/// <param name="Headings">The HS headings (4 digits) of those goods.</param>
/// <param name="Variants">Other spellings the rights holder uses itself (<c>Nord Haven</c>).</param>
/// <param name="LookAlikes">Spellings seen on counterfeits (<c>Lumorra</c>); homoglyph and near spellings are matched without being listed.</param>
/// <param name="NotMatching">Ordinary words close to the brand that must never match it (<c>zephyr</c>).</param>
/// <param name="Origins">The countries genuine goods are shipped from (ISO 3166-1 alpha-2).</param>
/// <param name="Manufacturers">The manufacturers the rights holder authorises.</param>
/// <param name="PriceFloor">The lowest price of a genuine unit, in the national currency.</param>
public sealed record IprBrand(
    string Name,
    string Goods,
    ValueList<string> Headings,
    ValueList<string> Variants,
    ValueList<string> LookAlikes,
    ValueList<string> NotMatching,
    ValueList<string> Origins,
    ValueList<string> Manufacturers,
    double PriceFloor);

/// <summary>How a description named a brand.</summary>
public enum IprMatchKind
{
    /// <summary>The brand's own name, written as the rights holder writes it (case aside).</summary>
    Name,

    /// <summary>A spelling the rights holder uses itself.</summary>
    Variant,

    /// <summary>A listed look-alike, or the name written with homoglyphs (<c>Lum0ra</c>, Cyrillic letters).</summary>
    LookAlike,

    /// <summary>A near spelling within the edit distance the name's length allows (<c>Lumorra</c>, <c>Kiaro</c>).</summary>
    NearSpelling,
}

/// <summary>A protected brand found in a goods description, and whether the line looks counterfeit.</summary>
/// <param name="Brand">The brand's canonical name.</param>
/// <param name="Found">The text of the description that named it.</param>
/// <param name="Kind">How it was named.</param>
/// <param name="Suspect">True when the line is below the brand's price floor, from an origin or by a manufacturer the rights holder does not authorise.</param>
/// <param name="Reasons">Why the line is suspect, as text an officer reads; empty when it is not.</param>
public sealed record IprMatch(string Brand, string Found, IprMatchKind Kind, bool Suspect, ValueList<string> Reasons);
