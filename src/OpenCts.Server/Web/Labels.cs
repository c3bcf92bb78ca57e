using OpenCts.Domain.Assessments;
using OpenCts.Server.Consignments;

namespace OpenCts.Server.Web;

/// <summary>How the pages spell the domain's names: the API's kebab-case, and moments in UTC.</summary>
internal static class Labels
{
    public static string Of(ThreatCategory category) => ConsignmentViews.Kebab(category.ToString());

    public static string Of(ReasonKind kind) => ConsignmentViews.Kebab(kind.ToString());

    public static string Of(Lane lane) => ConsignmentViews.LaneName(lane);

    /// <summary>A moment as officers read it: UTC, to the minute.</summary>
    public static string When(DateTimeOffset? at) => at is { } a ? a.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "";

    /// <summary>A moment for <c>data-until</c> and <c>datetime</c> attributes.</summary>
    public static string Iso(DateTimeOffset? at) => at is { } a ? a.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static string Score(double score) => score.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => amount.ToString("#,##0.##", System.Globalization.CultureInfo.InvariantCulture);

    public static string ConsignmentUrl(string documentKey) => "/consignments/" + Uri.EscapeDataString(documentKey);

    public static bool TryCategory(string? text, out ThreatCategory category)
    {
        foreach (var value in Enum.GetValues<ThreatCategory>())
        {
            if (string.Equals(Of(value), text, StringComparison.OrdinalIgnoreCase))
            {
                category = value;
                return true;
            }
        }
        category = default;
        return false;
    }
}
