namespace OpenCts.Ledger.Audit;

/// <summary>What a purge tombstone says of a record: the tombstone's own ledger record, the rule, and when.</summary>
/// <param name="TombstoneKind">The record kind the tombstone is journaled under (such as <c>purge</c>).</param>
/// <param name="TombstoneId">The tombstone's record id.</param>
/// <param name="Rule">The retention rule the record was purged under.</param>
/// <param name="PurgedAt">When.</param>
public sealed record PurgeNotice(string TombstoneKind, string TombstoneId, string Rule, DateTimeOffset PurgedAt);

/// <summary>Implemented by a record source that keeps purge tombstones: the audit then tells a purge from a deletion.</summary>
/// <remarks>
/// A leaf whose salt was erased is reported as purged only when a tombstone names its record and the tombstone is itself
/// a leaf of the audited tree; an erased leaf without one is reported as deleted, since anyone able to edit the
/// database could erase a salt, but could not add a leaf to a signed tree.
/// </remarks>
public interface IPurgeRegister
{
    /// <summary>The tombstone naming a record, or null when it was never purged.</summary>
    PurgeNotice? PurgeOf(string recordKind, string recordId);
}
