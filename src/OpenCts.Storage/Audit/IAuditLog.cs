namespace OpenCts.Storage.Audit;

/// <summary>One action a person or a machine client took: who, what, on what, when, and how it ended.</summary>
/// <param name="Actor">The user name, or <c>anonymous</c>.</param>
/// <param name="Action">What was asked, such as <c>POST /api/v1/consignments/{document}/decisions</c>.</param>
/// <param name="Target">What it was done to, such as a document key or profile id; empty when nothing in particular.</param>
/// <param name="Outcome">How it ended, such as the HTTP status.</param>
/// <param name="At">When.</param>
public sealed record AuditEntry(string Actor, string Action, string Target, string Outcome, DateTimeOffset At);

/// <summary>A user's leave, as stored, to see one consignment's personal data unmasked until a time.</summary>
/// <param name="User">Who may see it.</param>
/// <param name="Document">The consignment's document key.</param>
/// <param name="Reason">Why, as the user gave it.</param>
/// <param name="GrantedAt">When it was given.</param>
/// <param name="Until">When it ends.</param>
public sealed record StoredUnmaskGrant(string User, string Document, string Reason, DateTimeOffset GrantedAt, DateTimeOffset Until);

/// <summary>The audit log: every action, journaled, so that who did what is as tamper-evident as the data.</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry in one unit of work, journaled.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Stores a grant to see a consignment unmasked with the audit entry that records it, in one unit of work: the entry is journaled, and the grant is kept only with it.</summary>
    /// <remarks>Grants that ended are removed in the same write; the audit entry is what lasts of them.</remarks>
    Task GrantUnmaskAsync(StoredUnmaskGrant grant, AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The grants that have not ended at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredUnmaskGrant>> UnmaskGrantsAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The latest entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> LatestAsync(int limit, CancellationToken cancellationToken);
}
