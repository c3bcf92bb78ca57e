using System.Collections.Frozen;

namespace OpenCts.Commerce.Entities;

/// <summary>
/// Normalises person and company names: folding (<see cref="TextFolding"/>), titles and company forms dropped,
/// words sorted, so that <c>Mr. John SMITH</c>, <c>smith, john</c> and <c>Jóhn Smith</c> share one key.
/// </summary>
/// <remarks>
/// Initials stay single letters: <c>J. Smith</c> keeps the key <c>J SMITH</c>, and <see cref="NameSimilarity"/> is what
/// lets an initial stand for a given name. Company forms written with dots or spaces (<c>B.V.</c>, <c>S. A.</c>,
/// <c>Pvt. Ltd.</c>) are recognised from their run of letters.
/// </remarks>
public static class NameNormaliser
{
    private static readonly FrozenSet<string> Titles = new[]
    {
        "MR", "MRS", "MS", "MISS", "MX", "DR", "PROF", "SIR", "DAME", "MADAM", "MME", "MLLE", "HERR", "FRAU", "SR", "SRA", "SRTA",
        "SIG", "SIGRA", "DHR", "MEVR", "MESSRS", "ATTN",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> CompanyForms = new[]
    {
        "LTD", "LIMITED", "PLC", "LLC", "LLP", "LP", "INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY",
        "GMBH", "AG", "KG", "OHG", "UG", "EV", "MBH", "BV", "NV", "VOF", "SA", "SAS", "SARL", "SRL", "SPA", "SL", "SLU",
        "AB", "AS", "ASA", "APS", "OY", "OYJ", "SP", "ZOO", "SRO", "KFT", "ZRT", "DOO", "OOO", "ZAO", "OAO", "PAO",
        "PVT", "PRIVATE", "PTE", "PTY", "BHD", "SDN", "KK", "FZE", "FZCO", "FZC", "FZLLC", "DMCC", "JSC", "CJSC", "TOV",
        "EOOD", "OOD", "AD", "SE", "SCS", "SNC", "EURL", "LDA", "CIA", "LTDA", "EIRL", "SAC", "SAB",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Joining words carry nothing: "Smith & Sons" and "Smith and Sons" are one name.
    private static readonly FrozenSet<string> Fillers = new[] { "AND", "UND", "ET", "THE" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Normalises one name.</summary>
    public static NormalisedName Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return new NormalisedName("", false);
        }
        var words = TextFolding.Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>(words.Length);
        var isCompany = false;
        for (var i = 0; i < words.Length; i++)
        {
            // A run of single letters that spells a company form (B V, S A, S R L, F Z E) is one form.
            if (words[i].Length == 1)
            {
                var end = i;
                while (end < words.Length && words[end].Length == 1 && end - i < 5)
                {
                    end++;
                }
                var matched = 0;
                for (var length = end - i; length >= 2 && matched == 0; length--)
                {
                    if (CompanyForms.Contains(string.Concat(words.AsSpan(i, length))))
                    {
                        matched = length;
                    }
                }
                if (matched > 0)
                {
                    isCompany = true;
                    i += matched - 1;
                    continue;
                }
            }
            var word = words[i];
            if (CompanyForms.Contains(word))
            {
                isCompany = true;
                continue;
            }
            if (Fillers.Contains(word))
            {
                continue;
            }
            if (Titles.Contains(word) && kept.Count == 0 && i < words.Length - 1)
            {
                continue;
            }
            kept.Add(word);
        }
        if (kept.Count == 0)
        {
            // A name that is nothing but a form or a title ("Trading Co.") keeps its words rather than vanishing.
            kept.AddRange(words);
        }
        kept.Sort(StringComparer.Ordinal);
        return new NormalisedName(string.Join(' ', kept), isCompany);
    }
}
