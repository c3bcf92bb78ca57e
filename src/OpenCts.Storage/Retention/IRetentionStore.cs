namespace OpenCts.Storage.Retention;

/// <summary>The kinds of record a retention rule can name.</summary>
/// <remarks>
/// A consignment is purged whole: its versions (which carry the parties), its assessments, and every message none of the
/// remaining consignments or referral answers still needs. A referral goes with its answer and its webhook deliveries
/// (which name the filer and carry the document number). The other kinds are one row each.
/// </remarks>
public static class RetentionKinds
{
    /// <summary>A consignment with its versions, assessments and the messages only it used; dated by its last update.</summary>
    public const string Consignment = "consignment";

    /// <summary>An assessment, dated when it was made.</summary>
    public const string Assessment = RecordKinds.Assessment;

    /// <summary>An officer's decision, dated when it was taken; one that a referral still names is kept.</summary>
    public const string Decision = RecordKinds.Decision;

    /// <summary>An examination result, dated when it was recorded.</summary>
    public const string Examination = RecordKinds.Examination;

    /// <summary>An audit log entry (actions and reads of personal data), dated when it was written.</summary>
    public const string Audit = RecordKinds.Audit;

    /// <summary>A referral to a filer, dated when it was made; it goes with its answer and its ended webhook deliveries, and is kept while a delivery is pending.</summary>
    public const string Referral = RecordKinds.Referral;

    /// <summary>A webhook delivery, dated when it was queued; one still pending is kept.</summary>
    public const string WebhookDelivery = RecordKinds.WebhookDelivery;

    /// <summary>An examination assigned to an examiner, dated when it was assigned.</summary>
    public const string Assignment = RecordKinds.Assignment;

    /// <summary>Every kind a rule can name.</summary>
    public static IReadOnlyList<string> All { get; } = [Consignment, Assessment, Decision, Examination, Audit, Referral, WebhookDelivery, Assignment];

    /// <summary>Whether a rule may name <paramref name="kind"/>.</summary>
    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}

/// <summary>A record past its retention period: its kind (<see cref="RetentionKinds"/>), its key and the time it is dated by.</summary>
public sealed record RetentionCandidate(string Kind, string Key, DateTimeOffset At);

/// <summary>What a purge left behind in place of a record: which kind, which key, when, under which rule, by whom; itself journaled.</summary>
/// <param name="Id">The tombstone's own id (its ledger record is <c>purge:Id</c>).</param>
/// <param name="RecordKind">The kind of the purged record, as journaled (<see cref="RecordKinds"/>), or <c>consignment</c>.</param>
/// <param name="RecordId">The purged record's id, as journaled.</param>
/// <param name="Rule">The retention rule it was purged under, such as <c>audit 400d</c>.</param>
/// <param name="PurgedBy">Who ran the purge.</param>
/// <param name="PurgedAt">When.</param>
public sealed record PurgeTombstone(long Id, string RecordKind, string RecordId, string Rule, string PurgedBy, DateTimeOffset PurgedAt);

/// <summary>The outcome of purging one candidate: the tombstones written, or why nothing was purged.</summary>
/// <param name="Candidate">The record asked for.</param>
/// <param name="Tombstones">One per record removed (a consignment leaves one for itself, each assessment and each message).</param>
/// <param name="Skipped">Null when purged; otherwise why it was kept, such as a leaf not yet sequenced.</param>
public sealed record PurgeOutcome(RetentionCandidate Candidate, IReadOnlyList<PurgeTombstone> Tombstones, string? Skipped);

/// <summary>Purges records past their retention period: the record and the salt of its ledger leaf are deleted together, and a journaled tombstone says so.</summary>
/// <remarks>
/// The leaf stays, so the tree and every checkpoint still verify; without the salt the record cannot be recomputed from
/// its commitment. The audit tells a purge (a tombstone names the record) from a deletion behind the store's back (none does).
/// </remarks>
public interface IRetentionStore
{
    /// <summary>The records of <paramref name="kind"/> dated before <paramref name="cutoff"/>, oldest first.</summary>
    /// <exception cref="ArgumentException">The kind is not a <see cref="RetentionKinds"/> one.</exception>
    Task<IReadOnlyList<RetentionCandidate>> ExpiredAsync(string kind, DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Purges one record in one unit of work, tombstones journaled; skips it (with the reason) when its leaf is still pending or another record still needs it.</summary>
    Task<PurgeOutcome> PurgeAsync(RetentionCandidate candidate, string rule, string purgedBy, CancellationToken cancellationToken);

    /// <summary>The tombstone naming a journaled record, or null when it was never purged.</summary>
    Task<PurgeTombstone?> TombstoneOfAsync(string recordKind, string recordId, CancellationToken cancellationToken);
}
