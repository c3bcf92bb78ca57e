using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using OpenCts.Domain.Decisions;
using OpenCts.Storage.Decisions;

namespace OpenCts.Storage.Sqlite.Decisions;

/// <summary>Officers' decisions, each a row of its own, journaled.</summary>
internal sealed class SqliteDecisionStore(SqliteStore store) : IDecisionStore
{
    private readonly SqliteStore _store = store;

    public Task<long> RecordAsync(Decision decision, CancellationToken cancellationToken) =>
        _store.WriteAsync((work, transaction) => Record(work, transaction, decision, cancellationToken), cancellationToken);

    internal async ValueTask<long> Record(UnitOfWork work, SqliteTransaction transaction, Decision decision, CancellationToken cancellationToken)
    {
        using var command = _store.Command(
            "INSERT INTO decisions (document_key, action, examination_kind, comment, actor, decided_at) VALUES ($k, $a, $e, $c, $by, $at) RETURNING id", transaction);
        command.Parameters.AddWithValue("$k", decision.DocumentKey);
        command.Parameters.AddWithValue("$a", decision.Action);
        command.Parameters.AddWithValue("$e", (object?)decision.ExaminationKind ?? DBNull.Value);
        command.Parameters.AddWithValue("$c", (object?)decision.Comment ?? DBNull.Value);
        command.Parameters.AddWithValue("$by", decision.Actor);
        command.Parameters.AddWithValue("$at", decision.DecidedAt.ToString("O", CultureInfo.InvariantCulture));
        var id = (long)command.ExecuteScalar()!;
        await _store.JournalAsync(work, RecordKinds.Decision, id, ReadCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
        return id;
    }

    internal byte[]? ReadCanonical(long id, SqliteTransaction? transaction = null) =>
        _store.CanonicalRow("SELECT document_key, action, examination_kind, comment, actor, decided_at FROM decisions WHERE id = $id", id, transaction);

    public Task<IReadOnlyList<Decision>> OfAsync(string documentKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command("SELECT document_key, action, examination_kind, comment, actor, decided_at FROM decisions WHERE document_key = $k ORDER BY id");
        command.Parameters.AddWithValue("$k", documentKey);
        using var reader = command.ExecuteReader();
        var result = new List<Decision>();
        while (reader.Read())
        {
            result.Add(new Decision(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
        }
        return Task.FromResult<IReadOnlyList<Decision>>(result);
    }
}
