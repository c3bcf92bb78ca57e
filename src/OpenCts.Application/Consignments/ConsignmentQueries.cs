using OpenCts.Application.Filing;
using OpenCts.Application.Selection;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Decisions;
using OpenCts.Domain.Examinations;
using OpenCts.Domain.Serialization;
using OpenCts.Storage;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Consignments;

/// <summary>One page of a list, with the total it was cut from.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

/// <summary>A version of a consignment with what changed since the one before.</summary>
public sealed record ConsignmentVersionView(StoredConsignment Stored, IReadOnlyList<FieldChange> Changes);

/// <summary>Everything about one consignment an officer reads: its versions and their differences, assessments, decisions and examinations.</summary>
public sealed record ConsignmentDetail(
    string DocumentKey,
    IReadOnlyList<ConsignmentVersionView> Versions,
    Assessment? Current,
    IReadOnlyList<Assessment> Assessments,
    IReadOnlyList<Decision> Decisions,
    IReadOnlyList<ExaminationResult> Examinations,
    FilingStatus? Filing = null);

/// <summary>How a worklist is ordered: by risk (red first, then by score), or by estimated arrival, soonest first.</summary>
public enum WorklistOrder
{
    Risk,
    Arrival,
}

/// <summary>A row of the worklist: the assessment, where and when the goods arrive, and whether the red lane is over its office's capacity for it.</summary>
public sealed record WorklistRow(TargetRow Target, string? Port, DateTimeOffset? EstimatedArrival, bool OverCapacity);

/// <summary>Reads assessed consignments for officers: a filtered, paged list and one consignment in full.</summary>
public sealed class ConsignmentQueries(ICtsStore store)
{
    public const int MaxPageSize = 500;

    /// <summary>The current assessments, red first then by score, filtered by lane and by text in the document number or key.</summary>
    public async Task<Page<TargetRow>> ListAsync(Lane? lane, string? text, int page, int pageSize, CancellationToken cancellationToken)
    {
        var slice = await store.Assessments.PageTargetsAsync(Query(lane, text, TargetOrder.Risk, page, pageSize), cancellationToken).ConfigureAwait(false);
        return new Page<TargetRow>([.. slice.Items.Select(i => i.Target)], page, pageSize, slice.Total);
    }

    /// <summary>The worklist: current assessments filtered by lane and text, ordered by risk or arrival, red-lane rows beyond their office's capacity marked.</summary>
    /// <remarks>The store filters, orders and cuts the page; only the red lane at offices with a capacity is read whole, because capacity is counted over all of it.</remarks>
    public async Task<Page<WorklistRow>> WorklistAsync(Lane? lane, string? text, WorklistOrder order, int page, int pageSize, CancellationToken cancellationToken)
    {
        var slice = await store.Assessments.PageTargetsAsync(
            Query(lane, text, order == WorklistOrder.Arrival ? TargetOrder.Arrival : TargetOrder.Risk, page, pageSize), cancellationToken).ConfigureAwait(false);
        var offices = await store.Offices.AllAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlySet<string> over = new HashSet<string>();
        if (offices.Count > 0 && slice.Items.Any(i => i.Target.Assessment.Lane == Lane.Red))
        {
            var red = await store.Assessments.RedLaneAtAsync([.. offices.Select(o => o.Office)], cancellationToken).ConfigureAwait(false);
            over = OfficeCapacity.OverCapacity(red.Select(r => OfficeCapacity.EntryOf(r.Assessment, r.PlaceOfDischarge, r.EstimatedArrival)), offices);
        }
        var rows = slice.Items.Select(i => new WorklistRow(i.Target, i.PlaceOfDischarge, i.EstimatedArrival, over.Contains(i.Target.Assessment.DocumentKey)));
        return new Page<WorklistRow>([.. rows], page, pageSize, slice.Total);
    }

    private static TargetQuery Query(Lane? lane, string? text, TargetOrder order, int page, int pageSize) =>
        new(lane, text, order, (int)Math.Min(int.MaxValue, (long)(Math.Max(1, page) - 1) * pageSize), pageSize);

    /// <summary>One consignment in full, or null when the store has no such document.</summary>
    public async Task<ConsignmentDetail?> DetailAsync(string documentKey, CancellationToken cancellationToken)
    {
        var versions = await store.Messages.VersionsAsync(documentKey, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return null;
        }
        var views = new List<ConsignmentVersionView>(versions.Count);
        for (var i = 0; i < versions.Count; i++)
        {
            views.Add(new ConsignmentVersionView(versions[i], i == 0 ? [] : ConsignmentDiff.Between(versions[i - 1].Consignment, versions[i].Consignment)));
        }
        var assessments = await store.Assessments.OfAsync(documentKey, cancellationToken).ConfigureAwait(false);
        var current = assessments.LastOrDefault(a => a.ConsignmentVersion == versions[^1].Version);
        var decisions = await store.Decisions.OfAsync(documentKey, cancellationToken).ConfigureAwait(false);
        var examinations = await store.Examinations.OfAsync(documentKey, cancellationToken).ConfigureAwait(false);
        var filing = await new FilingLinks(store).StatusAsync(versions[^1], store.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new ConsignmentDetail(documentKey, views, current, assessments, decisions, examinations, filing);
    }
}
