namespace OpenCts.Storage.Audit;

/// <summary>One action a person or a machine client took: who, what, on what, when, and how it ended.</summary>
/// <param name="Actor">The user name, or <c>anonymous</c>.</param>
/// <param name="Action">What was asked, such as <c>POST /api/v1/consignments/{document}/decisions</c>.</param>
/// <param name="Target">What it was done to, such as a document key or profile id; empty when nothing in particular.</param>
/// <param name="Outcome">How it ended, such as the HTTP status.</param>
/// <param name="At">When.</param>
public sealed record AuditEntry(string Actor, string Action, string Target, string Outcome, DateTimeOffset At);

/// <summary>The audit log: every action, journaled, so that who did what is as tamper-evident as the data.</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry in one unit of work, journaled.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The latest entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> LatestAsync(int limit, CancellationToken cancellationToken);
}
