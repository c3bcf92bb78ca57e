using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Sqlite.Messages;

namespace OpenCts.Storage.Sqlite.Assessments;

/// <summary>Assessments: each is kept, never overwritten; the latest per consignment version is the one in force.</summary>
internal sealed partial class SqliteAssessmentStore(SqliteStore store) : IAssessmentStore
{
    private readonly SqliteStore _store = store;

    public Task<IReadOnlyList<long>> SaveAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken)
    {
        var rows = Packed(AssessmentBatches.WithReasons(assessments));
        return _store.WriteAsync((work, transaction) => Save(work, transaction, rows, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<Assessment>> SaveFirstAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken)
    {
        var rows = Packed(AssessmentBatches.WithReasons(assessments));
        return _store.WriteAsync<IReadOnlyList<Assessment>>(async (work, transaction) =>
        {
            // Under the store's one writer, what is read here cannot change before the commit.
            using var exists = _store.Command("SELECT EXISTS (SELECT 1 FROM assessments WHERE document_key = $key AND consignment_version = $version)", transaction);
            var key = exists.Parameters.Add("$key", Microsoft.Data.Sqlite.SqliteType.Text);
            var version = exists.Parameters.Add("$version", Microsoft.Data.Sqlite.SqliteType.Integer);
            var first = AssessmentBatches.First(rows, r => r.Assessment, a =>
            {
                key.Value = a.DocumentKey;
                version.Value = a.ConsignmentVersion;
                return (long)exists.ExecuteScalar()! != 0;
            });
            await Save(work, transaction, first, cancellationToken).ConfigureAwait(false);
            return [.. first.Select(f => f.Assessment)];
        }, cancellationToken);
    }

    /// <summary>An assessment as a row is written: its reasons' text (compared, and journaled) and that text packed (stored).</summary>
    private sealed record Row(Assessment Assessment, string Reasons, object PackedReasons);

    private static Row[] Packed(IReadOnlyList<(Assessment Assessment, string Reasons)> assessments) =>
        [.. assessments.Select(a => new Row(a.Assessment, a.Reasons, Packing.PackText(a.Reasons)))];

    private async ValueTask<IReadOnlyList<long>> Save(UnitOfWork work, Microsoft.Data.Sqlite.SqliteTransaction transaction, IReadOnlyList<Row> assessments, CancellationToken cancellationToken)
    {
        // Run through SQLite's own interface (RawStatement): a bulk run saves a million of these on the one writer.
        var command = _store.WriterStatement(
            "INSERT INTO assessments (document_key, consignment_version, score, lane, assessed_at, reasons) VALUES ($key, $version, $score, $lane, $at, $reasons)");
        // No RETURNING and no trigger: the lists are kept here, so no statement needs a statement journal (AssessmentLists).
        var lists = new AssessmentLists(_store);
        var key = command.Parameter("$key");
        var version = command.Parameter("$version");
        var score = command.Parameter("$score");
        var lane = command.Parameter("$lane");
        var at = command.Parameter("$at");
        var reasons = command.Parameter("$reasons");
        var ids = new List<long>(assessments.Count);
        foreach (var (assessment, reasonsJson, packedReasons) in assessments)
        {
            var laneName = assessment.Lane.ToString();
            var assessedAt = assessment.AssessedAt.ToString("O", CultureInfo.InvariantCulture);
            command.Bind(key, assessment.DocumentKey);
            command.Bind(version, assessment.ConsignmentVersion);
            command.Bind(score, assessment.Score);
            command.Bind(lane, laneName);
            command.Bind(at, assessedAt);
            // Text or, where packing pays, a BLOB (Packing.PackText): bound as its own type.
            command.BindValue(reasons, packedReasons);
            command.Run();
            var id = SqliteStore.LastInsertedRow(transaction);
            lists.Keep(id, assessment);
            ids.Add(id);
            // The canonical form of the values just written, as ReadCanonical would read them back (a test holds the two equal).
            if (_store.JournalsInOwnLedger)
            {
                using var canonical = CanonicalForm.AssessmentRented(id, assessment.DocumentKey, assessment.ConsignmentVersion, assessment.Score, laneName, assessedAt, reasonsJson);
                _store.JournalInOwnLedger(work, RecordKinds.Assessment, id, canonical.Span);
            }
            else
            {
                var canonical = CanonicalForm.Assessment(id, assessment.DocumentKey, assessment.ConsignmentVersion, assessment.Score, laneName, assessedAt, reasonsJson);
                await _store.JournalAsync(work, RecordKinds.Assessment, id, canonical, cancellationToken).ConfigureAwait(false);
            }
        }
        return ids;
    }

    /// <summary>An assessment from the six columns of <see cref="AssessmentColumns.Select"/> starting at <paramref name="first"/>, its reasons unpacked where they were packed.</summary>
    private static Assessment ReadAssessment(Microsoft.Data.Sqlite.SqliteDataReader reader, int first) => AssessmentColumns.Read(reader, first, Packing.ReadText);

    /// <summary>The canonical bytes of a stored assessment, as the ledger commits to them; null if it is gone.</summary>
    internal byte[]? ReadCanonical(long id, Microsoft.Data.Sqlite.SqliteTransaction? transaction = null)
    {
        using var command = _store.Command("SELECT document_key, consignment_version, score, lane, assessed_at, reasons FROM assessments WHERE id = $id", transaction);
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        return CanonicalForm.Assessment(id, reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetString(3), reader.GetString(4), Packing.ReadText(reader, 5));
    }

    public Task<IReadOnlyList<TargetRow>> TargetsAsync(int limit, Lane minimumLane, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(
            $"""
            SELECT {TargetColumns} FROM current_targets t {TargetJoins}
            WHERE t.lane_rank >= $minimum
            ORDER BY t.lane_rank DESC, t.score DESC, t.document_key
            LIMIT $limit
            """);
        command.Parameters.AddWithValue("$minimum", (int)minimumLane);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var rows = new List<TargetRow>();
        while (reader.Read())
        {
            rows.Add(new TargetRow(reader.GetInt64(0), ReadAssessment(reader, 1), reader.GetString(7), reader.GetString(8)));
        }
        return Task.FromResult<IReadOnlyList<TargetRow>>(rows);
    }

    /// <summary>How many current assessments fall in each lane.</summary>
    public Task<IReadOnlyDictionary<Lane, int>> LaneCountsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command("SELECT CASE lane_rank WHEN 2 THEN 'Red' WHEN 1 THEN 'Yellow' ELSE 'Green' END, COUNT(*) FROM current_targets GROUP BY lane_rank");
        using var reader = command.ExecuteReader();
        var counts = Enum.GetValues<Lane>().ToDictionary(l => l, _ => 0);
        while (reader.Read())
        {
            counts[Enum.Parse<Lane>(reader.GetString(0))] = reader.GetInt32(1);
        }
        return Task.FromResult<IReadOnlyDictionary<Lane, int>>(counts);
    }
}
