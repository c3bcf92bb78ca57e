using Microsoft.Data.Sqlite;
using OpenCts.Domain.Decisions;
using OpenCts.Storage.Offices;
using OpenCts.Storage.Sqlite.Decisions;
using OpenCts.Storage.Sqlite.Referrals;

namespace OpenCts.Storage.Sqlite.Offices;

/// <summary>Examination assignments, each a journaled row; an assignment is open until a result on its document is recorded after it.</summary>
internal sealed class SqliteAssignmentStore(SqliteStore store, SqliteDecisionStore decisions) : IAssignmentStore
{
    private const string Open = "NOT EXISTS (SELECT 1 FROM examinations e WHERE e.document_key = a.document_key AND e.recorded_at >= a.assigned_at)";

    private readonly SqliteStore _store = store;

    public Task<ExaminationAssignment> AssignAsync(string documentKey, string examiner, string? kind, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        _store.WriteAsync((work, transaction) => InsertAsync(work, transaction, documentKey, examiner, kind, assignedBy, at, cancellationToken), cancellationToken);

    public Task<ExaminationAssignment?> DecideExaminationAsync(Decision decision, string? examiner, CancellationToken cancellationToken) =>
        _store.WriteAsync<ExaminationAssignment?>(async (work, transaction) =>
        {
            // The one writer runs this body alone (a group's bodies one after another, each seeing those before), so no
            // other decision can assign between this look-up and the insert.
            OpenAssignments.ThrowIfOpen(LatestOpen(decision.DocumentKey, transaction));
            await decisions.Record(work, transaction, decision, cancellationToken).ConfigureAwait(false);
            return examiner is null
                ? null
                : await InsertAsync(work, transaction, decision.DocumentKey, examiner, decision.ExaminationKind, decision.Actor, decision.DecidedAt, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private async ValueTask<ExaminationAssignment> InsertAsync(UnitOfWork work, SqliteTransaction transaction, string documentKey, string examiner, string? kind, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var command = _store.Command(
            "INSERT INTO examination_assignments (document_key, examiner, kind, assigned_by, assigned_at) VALUES ($k, $e, $kind, $by, $at) RETURNING id", transaction);
        command.Parameters.AddWithValue("$k", documentKey);
        command.Parameters.AddWithValue("$e", examiner);
        command.Parameters.AddWithValue("$kind", (object?)kind ?? DBNull.Value);
        command.Parameters.AddWithValue("$by", assignedBy);
        command.Parameters.AddWithValue("$at", SqliteText.Of(at));
        var id = (long)command.ExecuteScalar()!;
        await _store.JournalAsync(work, RecordKinds.Assignment, id, ReadCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
        return new ExaminationAssignment(id, documentKey, examiner, kind, assignedBy, at, Open: true);
    }

    private ExaminationAssignment? LatestOpen(string documentKey, SqliteTransaction transaction)
    {
        using var command = _store.Command(
            $"SELECT id, document_key, examiner, kind, assigned_by, assigned_at FROM examination_assignments a WHERE document_key = $k AND {Open} ORDER BY id DESC LIMIT 1", transaction);
        command.Parameters.AddWithValue("$k", documentKey);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new ExaminationAssignment(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), SqliteText.At(reader.GetString(5)), Open: true)
            : null;
    }

    internal byte[]? ReadCanonical(long id, SqliteTransaction? transaction = null) =>
        _store.CanonicalRow("SELECT document_key, examiner, kind, assigned_by, assigned_at FROM examination_assignments WHERE id = $id", id, transaction);

    public Task<IReadOnlyDictionary<string, int>> OpenCountsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command($"SELECT examiner, COUNT(*) FROM examination_assignments a WHERE {Open} GROUP BY examiner COLLATE NOCASE");
        using var reader = command.ExecuteReader();
        var result = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            result[reader.GetString(0)] = reader.GetInt32(1);
        }
        return Task.FromResult<IReadOnlyDictionary<string, int>>(result);
    }

    public Task<IReadOnlyList<ExaminationAssignment>> OfExaminerAsync(string examiner, bool openOnly, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(
            $"SELECT id, document_key, examiner, kind, assigned_by, assigned_at, {Open} FROM examination_assignments a WHERE examiner = $e COLLATE NOCASE {(openOnly ? "AND " + Open : "")} ORDER BY id DESC");
        command.Parameters.AddWithValue("$e", examiner);
        using var reader = command.ExecuteReader();
        var result = new List<ExaminationAssignment>();
        while (reader.Read())
        {
            result.Add(new ExaminationAssignment(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), SqliteText.At(reader.GetString(5)), reader.GetInt64(6) != 0));
        }
        return Task.FromResult<IReadOnlyList<ExaminationAssignment>>(result);
    }
}
