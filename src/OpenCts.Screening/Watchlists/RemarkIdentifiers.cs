using System.Text.RegularExpressions;
using OpenCts.Domain.Consignments;

namespace OpenCts.Screening.Watchlists;

/// <summary>Takes identifiers out of a list's free-text remarks: IMO numbers ("IMO 9187629", "IMO number: 5342883") and tax numbers ("Tax ID No. 7707083893").</summary>
/// <remarks>Sanctions lists carry a vessel's IMO number only in its remarks; matching it exactly is the surest vessel hit there is.</remarks>
public static partial class RemarkIdentifiers
{
    public static void AddTo(string? remarks, List<PartyIdentifier> into)
    {
        if (string.IsNullOrWhiteSpace(remarks))
        {
            return;
        }
        foreach (Match match in ImoPattern().Matches(remarks))
        {
            AddOnce(into, "IMO", match.Groups[1].Value);
        }
        foreach (Match match in TaxIdPattern().Matches(remarks))
        {
            var value = match.Groups[1].Value.Trim().TrimEnd('.').Trim();
            if (value.Length is > 0 and <= 64)
            {
                AddOnce(into, "TIN", value);
            }
        }
    }

    private static void AddOnce(List<PartyIdentifier> into, string scheme, string value)
    {
        foreach (var id in into)
        {
            if (string.Equals(id.Scheme, scheme, StringComparison.Ordinal) && string.Equals(id.Value, value, StringComparison.Ordinal))
            {
                return;
            }
        }
        into.Add(new PartyIdentifier(scheme, value));
    }

    [GeneratedRegex(@"\bIMO\)?(?:\s*(?:number|no\.?))?\s*:?\s*([0-9]{7})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImoPattern();

    [GeneratedRegex(@"Tax ID No\.\s*([A-Za-z0-9][A-Za-z0-9 \-/]{0,40}?)\s*(?=\(|;|,|\.\s|\.?$)", RegexOptions.CultureInvariant)]
    private static partial Regex TaxIdPattern();
}
