using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.Assessments;

namespace OpenCts.Storage.Postgres.Assessments;

/// <summary>Assessments: each is kept, never overwritten; the latest per consignment version is the one in force.</summary>
internal sealed partial class PostgresAssessmentStore(PostgresStore store) : IAssessmentStore
{
    private readonly PostgresStore _store = store;

    public Task<IReadOnlyList<long>> SaveAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken)
    {
        var reasoned = AssessmentBatches.WithReasons(assessments);
        return _store.WriteAsync(work => Save(work, reasoned, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<Assessment>> SaveFirstAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken)
    {
        var reasoned = AssessmentBatches.WithReasons(assessments);
        return _store.WriteAsync<IReadOnlyList<Assessment>>(async work =>
        {
            // Every writer holds the store's write lock until it commits, so what is read here cannot change before the commit.
            var (keys, versions) = KeysOf(assessments);
            var assessed = (await _store.ListAsync(
                "SELECT DISTINCT a.document_key, a.consignment_version FROM assessments a JOIN UNNEST(@keys, @versions) AS w(k, v) ON a.document_key = w.k AND a.consignment_version = w.v",
                r => (r.GetString(0), r.GetInt32(1)), work, cancellationToken, ("keys", keys), ("versions", versions)).ConfigureAwait(false)).ToHashSet();
            var first = AssessmentBatches.First(reasoned, r => r.Assessment, a => assessed.Contains((a.DocumentKey, a.ConsignmentVersion)));
            await Save(work, first, cancellationToken).ConfigureAwait(false);
            return [.. first.Select(f => f.Assessment)];
        }, cancellationToken);
    }

    private static (string[] Keys, int[] Versions) KeysOf(IReadOnlyList<Assessment> assessments)
    {
        var keys = new string[assessments.Count];
        var versions = new int[assessments.Count];
        for (var i = 0; i < assessments.Count; i++)
        {
            (keys[i], versions[i]) = (assessments[i].DocumentKey, assessments[i].ConsignmentVersion);
        }
        return (keys, versions);
    }

    private async ValueTask<IReadOnlyList<long>> Save(UnitOfWork work, IReadOnlyList<(Assessment Assessment, string Reasons)> assessments, CancellationToken cancellationToken)
    {
        if (assessments.Count == 0)
        {
            return [];
        }
        var keys = new string[assessments.Count];
        var versions = new int[assessments.Count];
        var scores = new double[assessments.Count];
        var lanes = new string[assessments.Count];
        var ats = new string[assessments.Count];
        var reasons = new string[assessments.Count];
        for (var i = 0; i < assessments.Count; i++)
        {
            var (assessment, reasonsText) = assessments[i];
            (keys[i], versions[i], scores[i]) = (assessment.DocumentKey, assessment.ConsignmentVersion, assessment.Score);
            lanes[i] = assessment.Lane.ToString();
            ats[i] = assessment.AssessedAt.ToString("O", CultureInfo.InvariantCulture);
            reasons[i] = reasonsText;
        }
        // One statement for the batch, not one round trip an assessment. The rows are inserted, and their ids drawn, in the
        // order of the arrays; the ids are sorted rather than trusted to come back in that order.
        var ids = await _store.ListAsync(
            """
            INSERT INTO assessments (document_key, consignment_version, score, lane, assessed_at, reasons)
            SELECT k, v, s, l, a, r FROM UNNEST(@keys, @versions, @scores, @lanes, @ats, @reasons) WITH ORDINALITY AS w(k, v, s, l, a, r, n) ORDER BY n
            RETURNING id
            """,
            r => r.GetInt64(0), work, cancellationToken,
            ("keys", keys), ("versions", versions), ("scores", scores), ("lanes", lanes), ("ats", ats), ("reasons", reasons)).ConfigureAwait(false);
        ids.Sort();
        for (var i = 0; i < ids.Count; i++)
        {
            // Made from the values just written, as ReadCanonicalAsync makes them from the row.
            var canonical = CanonicalForm.Assessment(ids[i], keys[i], versions[i], scores[i], lanes[i], ats[i], reasons[i]);
            await _store.JournalAsync(work, RecordKinds.Assessment, ids[i], canonical, cancellationToken).ConfigureAwait(false);
        }
        return ids;
    }

    /// <summary>The canonical bytes of a stored assessment, as the ledger commits to them; null if it is gone.</summary>
    internal async Task<byte[]?> ReadCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            "SELECT document_key, consignment_version, score, lane, assessed_at, reasons FROM assessments WHERE id = @id",
            r => CanonicalForm.Assessment(id, r.GetString(0), r.GetInt32(1), r.GetDouble(2), r.GetString(3), r.GetString(4), r.GetString(5)),
            work, cancellationToken, ("id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<TargetRow>> TargetsAsync(int limit, Lane minimumLane, CancellationToken cancellationToken) =>
        await _store.ListAsync(
            $"""
            SELECT {TargetColumns} FROM current_targets t {TargetJoins}
            WHERE t.lane_rank >= @minimum
            ORDER BY t.lane_rank DESC, t.score DESC, t.document_key
            LIMIT @limit
            """,
            r => new TargetRow(r.GetInt64(0), AssessmentColumns.Read(r, 1), r.GetString(7), r.GetString(8)),
            null, cancellationToken, ("minimum", (int)minimumLane), ("limit", limit)).ConfigureAwait(false);

    public async Task<IReadOnlyList<TargetedConsignment>> TargetConsignmentsAsync(Lane minimumLane, CancellationToken cancellationToken) =>
        await _store.ListAsync(
            $"""
            SELECT {TargetColumns}, c.status, v.raw_message_id, v.body FROM current_targets t {TargetJoins}
            WHERE t.lane_rank >= @minimum
            ORDER BY t.lane_rank DESC, t.score DESC, t.document_key
            """,
            r =>
            {
                var assessment = AssessmentColumns.Read(r, 1);
                using var body = System.Text.Json.JsonDocument.Parse(r.GetString(14));
                var consignment = new OpenCts.Storage.Messages.StoredConsignment(
                    assessment.DocumentKey, assessment.ConsignmentVersion, r.GetString(12), r.GetInt64(13), OpenCts.Domain.Serialization.ConsignmentJsonReader.Read(body.RootElement));
                return new TargetedConsignment(new TargetRow(r.GetInt64(0), assessment, r.GetString(7), r.GetString(8)), consignment);
            },
            null, cancellationToken, ("minimum", (int)minimumLane)).ConfigureAwait(false);

    /// <summary>PostgreSQL keeps its indexes through a bulk run: the scale-out's workers and the server share the store while they save, and its indexes were not measured to cost what the embedded store's did.</summary>
    public Task<IAsyncDisposable> BeginBulkSaveAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IAsyncDisposable>(NothingSetAside.Instance);
    }

    public async Task<IReadOnlyDictionary<Lane, int>> LaneCountsAsync(CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            "SELECT lane_rank, COUNT(*)::integer FROM current_targets GROUP BY lane_rank",
            r => (Lane: (Lane)r.GetInt32(0), Count: r.GetInt32(1)), null, cancellationToken).ConfigureAwait(false);
        var counts = Enum.GetValues<Lane>().ToDictionary(l => l, _ => 0);
        foreach (var (lane, count) in rows)
        {
            counts[lane] = count;
        }
        return counts;
    }

    public async Task<IReadOnlyList<Assessment>> OfAsync(string documentKey, CancellationToken cancellationToken) =>
        await _store.ListAsync(
            $"SELECT {AssessmentColumns.Select} FROM assessments WHERE document_key = @k ORDER BY id",
            r => AssessmentColumns.Read(r, 0), null, cancellationToken, ("k", documentKey)).ConfigureAwait(false);

    public async Task<IReadOnlyList<AssessedVersion>> AssessedAfterAsync(long after, int take, CancellationToken cancellationToken) =>
        await _store.ListAsync(
            "SELECT id, document_key, consignment_version FROM assessments WHERE id > @after ORDER BY id LIMIT @take",
            r => new AssessedVersion(r.GetInt64(0), r.GetString(1), r.GetInt32(2)), null, cancellationToken, ("after", after), ("take", take)).ConfigureAwait(false);
}
