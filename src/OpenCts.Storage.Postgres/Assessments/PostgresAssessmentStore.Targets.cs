using System.Globalization;
using System.Text;
using Npgsql;
using OpenCts.Domain.Assessments;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Consignments;

namespace OpenCts.Storage.Postgres.Assessments;

/// <summary>Pages of current targets, read from the table the schema's triggers keep (see the worklist step of the migrations).</summary>
internal sealed partial class PostgresAssessmentStore
{
    private const string TargetColumns =
        "t.assessment_id, t.document_key, t.consignment_version, a.score, a.lane, a.assessed_at, a.reasons, c.number, c.kind, t.discharge, v.arrival_ticks, v.arrival_offset";

    /// <summary>What a target row joins for its columns: its assessment, its consignment's number and kind, its version's arrival.</summary>
    private const string TargetJoins =
        """
        JOIN assessments a ON a.id = t.assessment_id
        JOIN consignments c ON c.document_key = t.document_key
        JOIN consignment_versions v ON v.document_key = t.document_key AND v.version = t.consignment_version
        """;

    public async Task<TargetPage> PageTargetsAsync(TargetQuery query, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE TRUE");
        if (query.Lane is { } lane)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND t.lane_rank = {(int)lane}");
        }
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.ToLowerInvariant();
        var parameters = new List<(string, object?)>();
        if (text is not null)
        {
            where.Append(" AND (strpos(lower(c.number), @text) > 0 OR strpos(lower(t.document_key), @text) > 0)");
            parameters.Add(("text", text));
        }
        var order = query.Order == TargetOrder.Arrival
            ? "t.arrival_order, t.lane_rank DESC, t.score DESC, t.document_key"
            : "t.lane_rank DESC, t.score DESC, t.document_key";
        var items = await _store.ListAsync(
            $"SELECT {TargetColumns} FROM current_targets t {TargetJoins} {where} ORDER BY {order} LIMIT @take OFFSET @skip",
            r => new PlacedTarget(new TargetRow(r.GetInt64(0), AssessmentColumns.Read(r, 1), r.GetString(7), r.GetString(8)), Text(r, 9), Arrival(r, 10)),
            null, cancellationToken, [.. parameters, ("take", Math.Max(0, query.Take)), ("skip", Math.Max(0, query.Skip))]).ConfigureAwait(false);
        var total = await _store.ScalarAsync($"SELECT COUNT(*)::integer FROM current_targets t{(text is null ? "" : " JOIN consignments c ON c.document_key = t.document_key")} {where}", null, cancellationToken, [.. parameters]).ConfigureAwait(false);
        return new TargetPage(items, (int)total!);
    }

    public async Task<IReadOnlyList<RedLaneTarget>> RedLaneAtAsync(IReadOnlyCollection<string> places, CancellationToken cancellationToken)
    {
        if (places.Count == 0)
        {
            return [];
        }
        return await _store.ListAsync(
            $"""
            SELECT {TargetColumns} FROM current_targets t {TargetJoins}
            WHERE t.lane_rank = {(int)Lane.Red} AND upper(t.discharge) = ANY(@places)
            """,
            r => new RedLaneTarget(AssessmentColumns.Read(r, 1), Text(r, 9), Arrival(r, 10)),
            null, cancellationToken, ("places", places.Select(p => p.ToUpperInvariant()).ToArray())).ConfigureAwait(false);
    }

    private static string? Text(NpgsqlDataReader reader, int at) => reader.IsDBNull(at) ? null : reader.GetString(at);

    private static DateTimeOffset? Arrival(NpgsqlDataReader reader, int at) =>
        ConsignmentPlace.Arrival(reader.IsDBNull(at) ? null : reader.GetInt64(at), reader.IsDBNull(at + 1) ? null : reader.GetInt32(at + 1));
}
