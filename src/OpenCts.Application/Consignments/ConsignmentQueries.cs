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
    IReadOnlyList<ExaminationResult> Examinations);

/// <summary>Reads assessed consignments for officers: a filtered, paged list and one consignment in full.</summary>
public sealed class ConsignmentQueries(ICtsStore store)
{
    public const int MaxPageSize = 500;

    /// <summary>The current assessments, red first then by score, filtered by lane and by text in the document number or key.</summary>
    public async Task<Page<TargetRow>> ListAsync(Lane? lane, string? text, int page, int pageSize, CancellationToken cancellationToken)
    {
        var rows = await store.Assessments.TargetsAsync(int.MaxValue, lane ?? Lane.Green, cancellationToken).ConfigureAwait(false);
        var matching = rows.Where(r => (lane is null || r.Assessment.Lane == lane)
            && (string.IsNullOrWhiteSpace(text)
                || r.DocumentNumber.Contains(text, StringComparison.OrdinalIgnoreCase)
                || r.Assessment.DocumentKey.Contains(text, StringComparison.OrdinalIgnoreCase))).ToList();
        var items = matching.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return new Page<TargetRow>(items, page, pageSize, matching.Count);
    }

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
        var examinations = (await store.Examinations.AllAsync(cancellationToken).ConfigureAwait(false))
            .Where(e => string.Equals(e.DocumentKey, documentKey, StringComparison.Ordinal)).ToList();
        return new ConsignmentDetail(documentKey, views, current, assessments, decisions, examinations);
    }
}
