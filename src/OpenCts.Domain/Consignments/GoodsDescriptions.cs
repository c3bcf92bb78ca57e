using System.Collections.Frozen;

namespace OpenCts.Domain.Consignments;

/// <summary>Descriptions of goods that name no goods at all: the one word list that both the data-quality check and the profile field <c>goods.descriptionVague</c> use.</summary>
/// <remarks>
/// A description is vague when, upper-cased and with punctuation and repeated spaces dropped, it is one of these terms,
/// or one of them followed only by a count or a unit ("SAMPLES 3 PCS"); a leading "SAID TO CONTAIN" or "STC" is passed over
/// ("STC: PARTS" is vague, "STC 40 CARTONS OF SHOES" is not). "GIFT" is vague; "GIFT BOX OF CHOCOLATES" is not.
/// </remarks>
public static class GoodsDescriptions
{
    /// <summary>The vague terms, upper case, words separated by one space.</summary>
    public static IReadOnlyCollection<string> VagueTerms => Vague;

    private static readonly FrozenSet<string> Vague = new[]
    {
        "GIFT", "GIFTS", "PRESENT", "PRESENTS", "PARTS", "SPARE PARTS", "SPARES", "SAMPLE", "SAMPLES", "FREE SAMPLE", "FREE SAMPLES",
        "GENERAL CARGO", "GENERAL GOODS", "GEN CARGO", "FAK", "F A K", "FREIGHT ALL KINDS", "SAID TO CONTAIN", "STC", "S T C", "SHIPPERS LOAD AND COUNT",
        "SLAC", "CONSOLIDATED CARGO", "CONSOLIDATION", "CONSOL", "CONSOLIDATED", "VARIOUS", "VARIOUS GOODS", "VARIOUS ITEMS", "MISC",
        "MISCELLANEOUS", "MISC GOODS", "MISCELLANEOUS GOODS", "PERSONAL EFFECTS", "PERSONAL BELONGINGS", "HOUSEHOLD GOODS", "ACCESSORIES",
        "GOODS", "MERCHANDISE", "ITEMS", "PRODUCTS", "STUFF", "CARGO", "COMMODITY", "COMMODITIES", "MATERIAL", "MATERIALS",
        "EQUIPMENT", "NON HAZARDOUS", "NON DG", "NOT DANGEROUS", "OTHER", "OTHERS", "AS PER INVOICE",
        "AS PER ATTACHED", "AS PER ATTACHED LIST", "SEE ATTACHED", "SEE INVOICE", "TBA", "TBD", "NA", "N A", "NIL", "NONE", "UNKNOWN",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when the description names no goods (see the remarks); false when it is missing, which is its own fault.</summary>
    public static bool IsVague(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return false;
        }
        if (description.Length > 64)
        {
            return false;
        }
        Span<char> buffer = stackalloc char[description.Length];
        var length = 0;
        var space = true;
        foreach (var c in description)
        {
            if (char.IsLetter(c))
            {
                buffer[length++] = char.ToUpperInvariant(c);
                space = false;
            }
            else if (!space)
            {
                // Digits, punctuation and spaces all separate words: "SAMPLES (3 PCS)" becomes "SAMPLES PCS".
                buffer[length++] = ' ';
                space = true;
            }
        }
        var text = buffer[..length].TrimEnd(' ');
        // The carrier's clause "said to contain" says nothing of the goods; what follows it is judged on its own.
        foreach (var clause in (ReadOnlySpan<string>)["SAID TO CONTAIN ", "STC "])
        {
            if (text.StartsWith(clause, StringComparison.Ordinal))
            {
                text = text[clause.Length..];
                break;
            }
        }
        return IsVagueTerm(text);
    }

    private static bool IsVagueTerm(ReadOnlySpan<char> text)
    {
        var lookup = Vague.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.Contains(text))
        {
            return true;
        }
        // A vague term with only a count or a unit after it: "GIFTS PCS", "SAMPLES X".
        var lastSpace = text.LastIndexOf(' ');
        return lastSpace > 0 && text[(lastSpace + 1)..] is "PCS" or "PC" or "PIECES" or "PKGS" or "X" or "NOS" or "EA" or "UNITS" && lookup.Contains(text[..lastSpace]);
    }
}
