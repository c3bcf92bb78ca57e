using OpenCts.Domain.Assessments;

namespace OpenCts.Storage.Assessments;

/// <summary>A stored assessment with the consignment facts a worklist shows beside it.</summary>
public sealed record TargetRow(long AssessmentId, Assessment Assessment, string DocumentNumber, string Kind);

/// <summary>An assessment's place in the order assessments were saved, and the consignment version it was made on.</summary>
public sealed record AssessedVersion(long AssessmentId, string DocumentKey, int Version);

/// <summary>Assessments: each is kept, never overwritten; the latest per consignment version is the one in force.</summary>
public interface IAssessmentStore
{
    /// <summary>Saves a batch of assessments in one unit of work, each journaled, and returns their ids.</summary>
    Task<IReadOnlyList<long>> SaveAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken);

    /// <summary>Saves, in one unit of work and each journaled, the assessments of consignment versions that have none yet; returns those saved.</summary>
    /// <remarks>
    /// What an assessment worker writes. A work item delivered again (its worker died before acknowledging it) is assessed
    /// again but written once: the check and the write are made under the store's one writer. Of two assessments of the
    /// same version in one batch, the first is kept.
    /// </remarks>
    Task<IReadOnlyList<Assessment>> SaveFirstAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken);

    /// <summary>The latest assessment of each active consignment's current version: highest lane, then highest score first.</summary>
    /// <param name="limit">At most this many rows.</param>
    /// <param name="minimumLane">Only this lane and those above it.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<TargetRow>> TargetsAsync(int limit, Lane minimumLane, CancellationToken cancellationToken);

    /// <summary>The current targets in this lane and those above it, each with the consignment version it was made on: highest lane, then highest score first.</summary>
    /// <remarks>For views that filter on what the consignment declares (parties, goods, places); reads the lanes asked for, not the store.</remarks>
    Task<IReadOnlyList<TargetedConsignment>> TargetConsignmentsAsync(Lane minimumLane, CancellationToken cancellationToken);

    /// <summary>One page of the current targets, filtered and ordered in the store, with the count of all that match.</summary>
    /// <remarks>Read from the current-target table the store keeps beside its assessments, so a page costs its own rows, not the lane's.</remarks>
    Task<TargetPage> PageTargetsAsync(TargetQuery query, CancellationToken cancellationToken);

    /// <summary>The current red-lane targets discharged at one of these places (compared ignoring case), for the offices' capacity.</summary>
    Task<IReadOnlyList<RedLaneTarget>> RedLaneAtAsync(IReadOnlyCollection<string> places, CancellationToken cancellationToken);

    /// <summary>How many current assessments fall in each lane.</summary>
    Task<IReadOnlyDictionary<Lane, int>> LaneCountsAsync(CancellationToken cancellationToken);

    /// <summary>Every assessment of a document, of every version, oldest first.</summary>
    Task<IReadOnlyList<Assessment>> OfAsync(string documentKey, CancellationToken cancellationToken);

    /// <summary>The assessments saved after <paramref name="after"/> (an assessment id), in the order saved, at most <paramref name="take"/>: which consignment version each was made on.</summary>
    /// <remarks>How a process that loaded a checkpoint of what it learned from the assessed history finds what was assessed since.</remarks>
    Task<IReadOnlyList<AssessedVersion>> AssessedAfterAsync(long after, int take, CancellationToken cancellationToken);

    /// <summary>Readies the store for a run that saves the assessments of everything pending at once; disposing the handle ends it.</summary>
    /// <remarks>
    /// A store may then set aside what it would otherwise keep up to date at each row, where building it once at the end
    /// costs less (the embedded store: the worklist's orderings and the assessments' index by document, when the run at least doubles the worklist). What the
    /// store holds and answers is the same either way; only queries that run meanwhile may be slower. For one process
    /// that owns the run (<c>cts assess</c>), not for a server that answers officers while it assesses.
    /// </remarks>
    /// <returns>A handle whose disposal puts back what was set aside; it does so even when the run failed.</returns>
    Task<IAsyncDisposable> BeginBulkSaveAsync(CancellationToken cancellationToken);
}
