namespace OpenCts.Screening.Matching;

/// <summary>How one screening call ranks, cuts and alerts.</summary>
/// <param name="AlertThreshold">The score in 0..1 at which the best hit raises an alert.</param>
/// <param name="MinScore">Hits below this score are not reported.</param>
/// <param name="MaxHits">At most this many hits, best first.</param>
/// <param name="List">Screen against this list only (such as <c>ofac-sdn</c>); null for every list.</param>
/// <param name="AllowList">Confirmed false positives to suppress; null for none.</param>
public sealed record ScreeningOptions(
    double AlertThreshold = ScreeningOptions.DefaultAlertThreshold,
    double MinScore = 0.6,
    int MaxHits = 10,
    string? List = null,
    AllowList? AllowList = null)
{
    /// <summary>The alert threshold the quality figures were measured at.</summary>
    public const double DefaultAlertThreshold = 0.85;

    /// <summary>The defaults.</summary>
    public static ScreeningOptions Default { get; } = new();
}
