using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Examinations;
using OpenCts.Storage;

namespace OpenCts.Application.Reports;

/// <summary>Counts of consignments per day, one series per lane, mode or port, aligned with <see cref="VolumeReport.Days"/>.</summary>
public sealed record VolumeSeries(string Name, IReadOnlyList<int> Counts);

/// <summary>The consignments in force by day of arrival, split by lane, by mode of transport and by port of discharge.</summary>
/// <param name="Days">Every day with a consignment, in order: the estimated arrival, else the departure, else the assessment.</param>
/// <param name="Lanes">One series per lane, red first.</param>
/// <param name="Modes">One series per mode of transport seen.</param>
/// <param name="Ports">One series per place of discharge seen (UN/LOCODE), the busiest first; <c>unknown</c> when none was given.</param>
public sealed record VolumeReport(IReadOnlyList<DateOnly> Days, IReadOnlyList<VolumeSeries> Lanes, IReadOnlyList<VolumeSeries> Modes, IReadOnlyList<VolumeSeries> Ports);

/// <summary>How the profiles of one threat category perform: the same measures as <see cref="ProfileReport"/>, summed per consignment.</summary>
/// <param name="Threat">The threat category, as the API spells it (<c>narcotics</c>).</param>
/// <param name="Hits">Consignments hit by at least one profile of the category.</param>
/// <param name="Examined">Of those, examined.</param>
/// <param name="Positives">Of those examined, found irregular.</param>
/// <param name="HitRate">Positives over examined; null before any examination.</param>
/// <param name="RevenueRecovered">Amounts recovered on those consignments.</param>
public sealed record ThreatReport(string Threat, int Hits, int Examined, int Positives, double? HitRate, decimal RevenueRecovered);

/// <summary>The risk model's precision on one day of examinations: of the consignments it put forward and that were examined that day, the share found irregular.</summary>
/// <param name="Day">The day of the examinations.</param>
/// <param name="Examined">Consignments the model put forward (a probability of 0.5 or more, or its batch selection) examined that day.</param>
/// <param name="Positives">Of those, found irregular.</param>
/// <param name="Precision">Positives over examined that day.</param>
/// <param name="CumulativePrecision">The same over every day up to this one.</param>
public sealed record ModelPrecisionPoint(DateOnly Day, int Examined, int Positives, double Precision, double CumulativePrecision);

/// <summary>One day of one profile: its hits by day of arrival, and of those, examined and found irregular.</summary>
public sealed record ProfileDay(DateOnly Day, int Hits, int Examined, int Positives, decimal RevenueRecovered);

/// <summary>The dashboard's figures, read from the consignments in force, their latest assessments and the examination results.</summary>
/// <remarks>
/// Each report reads the whole store once; the figures are for a supervisor's page, not the assessment loop. A consignment's
/// day is its estimated arrival (else departure, else when it was assessed), so the charts show the traffic officers face.
/// </remarks>
public sealed class OperationsReports(ICtsStore store)
{
    /// <summary>The model's probability at or above which its reason counts as putting a consignment forward.</summary>
    public const double ModelThreshold = 0.5;

    public async Task<VolumeReport> VolumesAsync(CancellationToken cancellationToken)
    {
        var facts = await FactsAsync(cancellationToken).ConfigureAwait(false);
        var days = facts.Select(f => f.Day).Distinct().Order().ToList();
        var index = days.Select((d, i) => (d, i)).ToDictionary(p => p.d, p => p.i);
        IReadOnlyList<VolumeSeries> Split(Func<Fact, string> key, IEnumerable<string>? order = null)
        {
            var groups = facts.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var names = order?.Where(groups.ContainsKey).ToList() ?? [.. groups.OrderByDescending(g => g.Value.Count).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key)];
            return [.. names.Select(name =>
            {
                var counts = new int[days.Count];
                foreach (var fact in groups[name])
                {
                    counts[index[fact.Day]]++;
                }
                return new VolumeSeries(name, counts);
            })];
        }
        return new VolumeReport(
            days,
            Split(f => Kebab(f.Lane.ToString()), ["red", "yellow", "green"]),
            Split(f => Kebab(f.Consignment?.Mode.ToString() ?? "unknown")),
            Split(f => f.Consignment?.PlaceOfDischarge?.Value ?? "unknown"));
    }

    public async Task<IReadOnlyList<ThreatReport>> ThreatsAsync(CancellationToken cancellationToken)
    {
        var categories = (await store.Profiles.LatestAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Id, p => p.Category, StringComparer.Ordinal);
        var rows = new Dictionary<ThreatCategory, (int Hits, int Examined, int Positives, decimal Revenue)>();
        foreach (var fact in await FactsAsync(cancellationToken).ConfigureAwait(false))
        {
            var threats = fact.Reasons
                .Where(r => r.Kind == ReasonKind.Profile)
                .Select(r => r.Category ?? (categories.TryGetValue(r.Code, out var c) ? c : ThreatCategory.Other))
                .Distinct();
            foreach (var threat in threats)
            {
                var row = rows.GetValueOrDefault(threat);
                rows[threat] = (row.Hits + 1, row.Examined + (fact.Result is null ? 0 : 1), row.Positives + (fact.Irregular ? 1 : 0), row.Revenue + fact.Recovered);
            }
        }
        return [.. rows.OrderBy(r => r.Key).Select(r => new ThreatReport(
            Kebab(r.Key.ToString()), r.Value.Hits, r.Value.Examined, r.Value.Positives, r.Value.Examined == 0 ? null : (double)r.Value.Positives / r.Value.Examined, r.Value.Revenue))];
    }

    public async Task<IReadOnlyList<ModelPrecisionPoint>> ModelPrecisionAsync(CancellationToken cancellationToken)
    {
        var byDay = (await FactsAsync(cancellationToken).ConfigureAwait(false))
            .Where(f => f.Result is not null && f.Reasons.Any(r => r.Kind == ReasonKind.ModelSelection || (r.Kind == ReasonKind.Model && r.Probability >= ModelThreshold)))
            .GroupBy(f => DateOnly.FromDateTime(f.Result!.ExaminedAt.UtcDateTime))
            .OrderBy(g => g.Key);
        var points = new List<ModelPrecisionPoint>();
        int examined = 0, positives = 0;
        foreach (var day in byDay)
        {
            var dayPositives = day.Count(f => f.Irregular);
            examined += day.Count();
            positives += dayPositives;
            points.Add(new ModelPrecisionPoint(day.Key, day.Count(), dayPositives, (double)dayPositives / day.Count(), (double)positives / examined));
        }
        return points;
    }

    /// <summary>One profile's hits day by day, with the examinations and revenue on them; empty when it hit nothing.</summary>
    public async Task<IReadOnlyList<ProfileDay>> ProfileHistoryAsync(string profileId, CancellationToken cancellationToken) =>
        [.. (await FactsAsync(cancellationToken).ConfigureAwait(false))
            .Where(f => f.Reasons.Any(r => r.Kind == ReasonKind.Profile && string.Equals(r.Code, profileId, StringComparison.Ordinal)))
            .GroupBy(f => f.Day)
            .OrderBy(g => g.Key)
            .Select(g => new ProfileDay(g.Key, g.Count(), g.Count(f => f.Result is not null), g.Count(f => f.Irregular), g.Sum(f => f.Recovered)))];

    /// <summary>One consignment in force: its latest assessment, its latest examination result and what was recovered on it.</summary>
    private sealed record Fact(DateOnly Day, Lane Lane, IReadOnlyList<Reason> Reasons, Consignment? Consignment, ExaminationResult? Result, decimal Recovered)
    {
        public bool Irregular => Result?.Outcome == ExaminationOutcome.Irregular;
    }

    private async Task<List<Fact>> FactsAsync(CancellationToken cancellationToken)
    {
        var consignments = (await store.Messages.CurrentAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(c => c.DocumentKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Consignment, StringComparer.Ordinal);
        var latest = new Dictionary<string, ExaminationResult>(StringComparer.Ordinal);
        var recovered = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var result in await store.Examinations.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            latest[result.DocumentKey] = result;
            recovered[result.DocumentKey] = recovered.GetValueOrDefault(result.DocumentKey) + result.AmountRecovered;
        }
        var facts = new List<Fact>();
        foreach (var target in await store.Assessments.TargetsAsync(int.MaxValue, Lane.Green, cancellationToken).ConfigureAwait(false))
        {
            var assessment = target.Assessment;
            var consignment = consignments.GetValueOrDefault(assessment.DocumentKey);
            var when = consignment?.EstimatedArrival ?? consignment?.Departure ?? assessment.AssessedAt;
            facts.Add(new Fact(DateOnly.FromDateTime(when.UtcDateTime), assessment.Lane, assessment.Reasons, consignment,
                latest.GetValueOrDefault(assessment.DocumentKey), recovered.GetValueOrDefault(assessment.DocumentKey)));
        }
        return facts;
    }

    /// <summary><c>WeaponsAndSecurity</c> as the API writes it: <c>weapons-and-security</c>.</summary>
    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
