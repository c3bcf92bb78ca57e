using OpenCts.Domain.Assessments;
using OpenCts.Domain.Examinations;
using OpenCts.Storage;

namespace OpenCts.Application.Reports;

/// <summary>How one profile performs on the consignments in force.</summary>
/// <param name="ProfileId">The profile.</param>
/// <param name="Name">Its name, from its latest version.</param>
/// <param name="Status">Its latest status.</param>
/// <param name="Hits">Current consignments whose latest assessment it hit.</param>
/// <param name="Examined">Of those, examined.</param>
/// <param name="Positives">Of those examined, found irregular (by the latest result).</param>
/// <param name="HitRate">Positives over examined; null before any examination.</param>
/// <param name="RevenueRecovered">Amounts recovered on its hits.</param>
public sealed record ProfileReport(string ProfileId, string Name, string Status, int Hits, int Examined, int Positives, double? HitRate, decimal RevenueRecovered);

/// <summary>The effectiveness of every profile, from the stored assessments and examination results.</summary>
public sealed class ProfileEffectiveness(ICtsStore store)
{
    public async Task<IReadOnlyList<ProfileReport>> ReportAsync(CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, ExaminationResult>(StringComparer.Ordinal);
        var recovered = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var result in await store.Examinations.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            latest[result.DocumentKey] = result;
            recovered[result.DocumentKey] = recovered.GetValueOrDefault(result.DocumentKey) + result.AmountRecovered;
        }
        var rows = new Dictionary<string, (int Hits, int Examined, int Positives, decimal Revenue)>(StringComparer.Ordinal);
        foreach (var target in await store.Assessments.TargetsAsync(int.MaxValue, Lane.Green, cancellationToken).ConfigureAwait(false))
        {
            var key = target.Assessment.DocumentKey;
            var examined = latest.TryGetValue(key, out var result);
            foreach (var code in target.Assessment.Reasons.Where(r => r.Kind == ReasonKind.Profile).Select(r => r.Code).Distinct(StringComparer.Ordinal))
            {
                var row = rows.GetValueOrDefault(code);
                rows[code] = (
                    row.Hits + 1,
                    row.Examined + (examined ? 1 : 0),
                    row.Positives + (examined && result!.Outcome == ExaminationOutcome.Irregular ? 1 : 0),
                    row.Revenue + recovered.GetValueOrDefault(key));
            }
        }
        var reports = new List<ProfileReport>();
        foreach (var profile in await store.Profiles.LatestAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = rows.GetValueOrDefault(profile.Id);
            reports.Add(new ProfileReport(
                profile.Id,
                profile.Name,
                Profiles.ProfileLifecycle.StatusAt(profile, store.Clock.GetUtcNow()).ToString(),
                row.Hits,
                row.Examined,
                row.Positives,
                row.Examined == 0 ? null : (double)row.Positives / row.Examined,
                row.Revenue));
        }
        return [.. reports.OrderBy(r => r.ProfileId, StringComparer.Ordinal)];
    }
}
