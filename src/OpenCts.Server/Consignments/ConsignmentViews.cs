using System.Text.Json;
using OpenCts.Application.Consignments;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Decisions;
using OpenCts.Domain.Examinations;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.Assessments;

namespace OpenCts.Server.Consignments;

/// <summary>One value that met one criterion.</summary>
public sealed record EvidenceView(string Criterion, string Field, string Value);

/// <summary>A reason for a score, with its evidence.</summary>
public sealed record ReasonView(string Kind, string Code, string Title, double Score, string Detail, int Version, string? Action, string? Category, double? Probability, IReadOnlyList<EvidenceView> Evidence)
{
    public static ReasonView Of(Reason r) => new(
        ConsignmentViews.Kebab(r.Kind.ToString()),
        r.Code,
        r.Title,
        r.Score,
        r.Detail,
        r.Version,
        r.Action is { } action ? ConsignmentViews.Kebab(action.ToString()) : null,
        r.Category is { } category ? ConsignmentViews.Kebab(category.ToString()) : null,
        r.Probability,
        [.. r.Evidence.Select(e => new EvidenceView(e.Criterion, e.Field, e.Value))]);
}

/// <summary>An assessment as the API shows it.</summary>
public sealed record AssessmentView(int Version, string Lane, double Score, DateTimeOffset AssessedAt, IReadOnlyList<ReasonView> Reasons)
{
    public static AssessmentView Of(Assessment a) => new(a.ConsignmentVersion, ConsignmentViews.LaneName(a.Lane), a.Score, a.AssessedAt, [.. a.Reasons.Select(ReasonView.Of)]);
}

/// <summary>A row of the consignment list; <c>overCapacity</c> marks a red-lane row beyond its office's examination capacity for the day.</summary>
public sealed record ConsignmentRow(string Document, string Number, string Kind, int Version, string Lane, double Score, DateTimeOffset AssessedAt, IReadOnlyList<ReasonView> Reasons)
{
    /// <summary>The UN/LOCODE of the port of discharge.</summary>
    public string? Port { get; init; }

    public DateTimeOffset? EstimatedArrival { get; init; }

    /// <summary>Red, but beyond the capacity of its office for its day: still on the worklist, marked.</summary>
    public bool OverCapacity { get; init; }
}

/// <summary>A consignment on the filing clock: the rule, its deadlines, whether it was late, and its linked house or master filings.</summary>
public sealed record FilingView(
    string? Rule,
    DateTimeOffset? Due,
    DateTimeOffset? PreLoadingDue,
    DateTimeOffset? EntrySummaryDue,
    DateTimeOffset? ReceivedAt,
    double? HoursBeforeLoading,
    bool Late,
    string Role,
    IReadOnlyList<string> Counterparts,
    bool CounterpartMissing)
{
    public static FilingView Of(OpenCts.Application.Filing.FilingStatus f) => new(
        f.Deadline?.Rule,
        f.Deadline?.Due,
        f.Deadline?.PreLoadingDue,
        f.Deadline?.EntrySummaryDue,
        f.Deadline?.ReceivedAt,
        double.IsNaN(f.HoursBeforeLoading) ? null : Math.Round(f.HoursBeforeLoading, 2),
        f.Deadline?.Late ?? false,
        f.Role,
        f.Counterparts,
        f.CounterpartMissing);
}

/// <summary>A page of a list.</summary>
public sealed record PageView<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>A decision as the API shows it.</summary>
public sealed record DecisionView(string Document, string Action, string? Kind, string? Comment, string Actor, DateTimeOffset DecidedAt)
{
    public static DecisionView Of(Decision d) => new(d.DocumentKey, d.Action, d.ExaminationKind, d.Comment, d.Actor, d.DecidedAt);
}

/// <summary>An examination result as the API shows it.</summary>
public sealed record ExaminationView(string Document, string Outcome, string Result, decimal Amount, string? Currency, decimal? Quantity, string? Comment, DateTimeOffset ExaminedAt)
{
    public static ExaminationView Of(ExaminationResult e) => new(
        e.DocumentKey,
        e.Finding ?? (e.Outcome == ExaminationOutcome.Compliant ? ExaminationFindings.NoFind : ExaminationFindings.Other),
        ConsignmentViews.Kebab(e.Outcome.ToString()),
        e.AmountRecovered,
        e.Currency,
        e.Quantity,
        e.Notes,
        e.ExaminedAt);
}

/// <summary>A field that changed between two versions.</summary>
public sealed record ChangeView(string Field, string? Before, string? After);

/// <summary>One version of a consignment: the consignment as JSON, and what changed since the version before.</summary>
public sealed record VersionView(int Version, long RawMessageId, string Status, JsonElement Consignment, IReadOnlyList<ChangeView> Changes);

/// <summary>A consignment in full.</summary>
public sealed record ConsignmentView(
    string Document,
    string? Lane,
    double? Score,
    IReadOnlyList<ReasonView> Reasons,
    IReadOnlyList<VersionView> Versions,
    IReadOnlyList<AssessmentView> Assessments,
    IReadOnlyList<DecisionView> Decisions,
    IReadOnlyList<ExaminationView> Examinations,
    FilingView? Filing);

internal static class ConsignmentViews
{
    public static string LaneName(Lane lane) => lane.ToString().ToLowerInvariant();

    /// <summary><c>RedLane</c> as <c>red-lane</c>.</summary>
    public static string Kebab(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    public static ConsignmentRow Row(TargetRow row) => new(
        row.Assessment.DocumentKey,
        row.DocumentNumber,
        Kebab(row.Kind),
        row.Assessment.ConsignmentVersion,
        LaneName(row.Assessment.Lane),
        row.Assessment.Score,
        row.Assessment.AssessedAt,
        [.. row.Assessment.Reasons.Select(ReasonView.Of)]);

    public static ConsignmentRow Row(WorklistRow row) => Row(row.Target) with { Port = row.Port, EstimatedArrival = row.EstimatedArrival, OverCapacity = row.OverCapacity };

    public static ConsignmentView Detail(ConsignmentDetail detail)
    {
        var versions = detail.Versions.Select(v =>
        {
            using var json = JsonDocument.Parse(ConsignmentJsonWriter.ToUtf8Bytes(v.Stored.Consignment));
            return new VersionView(v.Stored.Version, v.Stored.RawMessageId, v.Stored.Status, json.RootElement.Clone(), [.. v.Changes.Select(c => new ChangeView(c.Field, c.Before, c.After))]);
        }).ToList();
        return new ConsignmentView(
            detail.DocumentKey,
            detail.Current is { } current ? LaneName(current.Lane) : null,
            detail.Current?.Score,
            detail.Current is { } c ? [.. c.Reasons.Select(ReasonView.Of)] : [],
            versions,
            [.. detail.Assessments.Select(AssessmentView.Of)],
            [.. detail.Decisions.Select(DecisionView.Of)],
            [.. detail.Examinations.Select(ExaminationView.Of)],
            detail.Filing is { } filing ? FilingView.Of(filing) : null);
    }
}
