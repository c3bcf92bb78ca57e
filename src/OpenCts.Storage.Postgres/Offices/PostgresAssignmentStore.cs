using OpenCts.Domain.Decisions;
using OpenCts.Storage.Offices;
using OpenCts.Storage.Postgres.Decisions;

namespace OpenCts.Storage.Postgres.Offices;

/// <summary>Examination assignments, each a journaled row; an assignment is open until a result on its document is recorded after it.</summary>
/// <remarks>Examiners are compared without regard to case as <c>lower(examiner)</c>, byte by byte; times compare as ISO 8601 text, byte by byte.</remarks>
internal sealed class PostgresAssignmentStore(PostgresStore store, PostgresDecisionStore decisions) : IAssignmentStore
{
    private const string Open = "NOT EXISTS (SELECT 1 FROM examinations e WHERE e.document_key = a.document_key AND e.recorded_at COLLATE \"C\" >= a.assigned_at)";

    private readonly PostgresStore _store = store;

    public Task<ExaminationAssignment> AssignAsync(string documentKey, string examiner, string? kind, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        _store.WriteAsync(work => InsertAsync(work, documentKey, examiner, kind, assignedBy, at, cancellationToken), cancellationToken);

    public Task<ExaminationAssignment?> DecideExaminationAsync(Decision decision, string? examiner, CancellationToken cancellationToken) =>
        _store.WriteAsync<ExaminationAssignment?>(async work =>
        {
            // Every writer holds the store's advisory write lock, and each statement reads what committed before it, so no
            // other decision can assign between this look-up and the insert.
            var open = await _store.ListAsync(
                $"SELECT id, document_key, examiner, kind, assigned_by, assigned_at FROM examination_assignments a WHERE document_key = @k AND {Open} ORDER BY id DESC LIMIT 1",
                r => new ExaminationAssignment(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), PostgresText.At(r.GetString(5)), Open: true),
                work, cancellationToken, ("k", decision.DocumentKey)).ConfigureAwait(false);
            OpenAssignments.ThrowIfOpen(open.Count == 0 ? null : open[0]);
            await decisions.RecordAsync(work, decision, cancellationToken).ConfigureAwait(false);
            return examiner is null
                ? null
                : await InsertAsync(work, decision.DocumentKey, examiner, decision.ExaminationKind, decision.Actor, decision.DecidedAt, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private async ValueTask<ExaminationAssignment> InsertAsync(UnitOfWork work, string documentKey, string examiner, string? kind, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var id = (long)(await _store.ScalarAsync(
            "INSERT INTO examination_assignments (document_key, examiner, kind, assigned_by, assigned_at) VALUES (@k, @e, @kind, @by, @at) RETURNING id", work, cancellationToken,
            ("k", documentKey), ("e", examiner), ("kind", kind), ("by", assignedBy), ("at", PostgresText.Of(at))).ConfigureAwait(false))!;
        await _store.JournalAsync(work, RecordKinds.Assignment, id, (await ReadCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
        return new ExaminationAssignment(id, documentKey, examiner, kind, assignedBy, at, Open: true);
    }

    internal Task<byte[]?> ReadCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT document_key, examiner, kind, assigned_by, assigned_at FROM examination_assignments WHERE id = @id", id, work, cancellationToken);

    public async Task<IReadOnlyDictionary<string, int>> OpenCountsAsync(CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            $"SELECT MIN(examiner COLLATE \"C\"), COUNT(*) FROM examination_assignments a WHERE {Open} GROUP BY lower(examiner) COLLATE \"C\"",
            r => (Examiner: r.GetString(0), Count: (int)r.GetInt64(1)), null, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (examiner, count) in rows)
        {
            result[examiner] = count;
        }
        return result;
    }

    public async Task<IReadOnlyList<ExaminationAssignment>> OfExaminerAsync(string examiner, bool openOnly, CancellationToken cancellationToken) =>
        await _store.ListAsync(
            $"SELECT id, document_key, examiner, kind, assigned_by, assigned_at, {Open} FROM examination_assignments a WHERE lower(examiner) COLLATE \"C\" = lower(@e) COLLATE \"C\" {(openOnly ? "AND " + Open : "")} ORDER BY id DESC",
            r => new ExaminationAssignment(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), PostgresText.At(r.GetString(5)), r.GetBoolean(6)),
            null, cancellationToken, ("e", examiner)).ConfigureAwait(false);
}
