using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Consignments;

namespace OpenCts.Storage.Sqlite.Assessments;

/// <summary>Pages of current targets, read from the table the schema's triggers keep (see the worklist step of the migrations).</summary>
internal sealed partial class SqliteAssessmentStore
{
    private const string TargetColumns =
        "t.assessment_id, a.document_key, a.consignment_version, a.score, a.lane, a.assessed_at, a.reasons, c.number, c.kind, t.discharge, v.arrival_ticks, v.arrival_offset";

    /// <summary>What a target row joins for its columns: its assessment, its consignment's number and kind, its version's arrival.</summary>
    private const string TargetJoins =
        """
        JOIN assessments a ON a.id = t.assessment_id
        JOIN consignment_versions v ON v.id = t.version_id
        JOIN consignments c ON c.document_key = v.document_key
        """;

    public Task<TargetPage> PageTargetsAsync(TargetQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var where = new StringBuilder("WHERE 1 = 1");
        if (query.Lane is { } lane)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND t.lane_rank = {(int)lane}");
        }
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.ToLowerInvariant();
        if (text is not null)
        {
            where.Append(" AND (instr(lower(c.number), $text) > 0 OR instr(lower(v.document_key), $text) > 0)");
        }
        var order = query.Order == TargetOrder.Arrival
            ? "t.arrival_order, t.lane_rank DESC, t.score DESC, t.document_key"
            : "t.lane_rank DESC, t.score DESC, t.document_key";
        using var page = _store.Command($"SELECT {TargetColumns} FROM current_targets t {TargetJoins} {where} ORDER BY {order} LIMIT $take OFFSET $skip");
        using var count = _store.Command($"SELECT COUNT(*) FROM current_targets t{(text is null ? "" : " JOIN consignment_versions v ON v.id = t.version_id JOIN consignments c ON c.document_key = v.document_key")} {where}");
        foreach (var command in new[] { page, count })
        {
            if (text is not null)
            {
                command.Parameters.AddWithValue("$text", text);
            }
        }
        page.Parameters.AddWithValue("$take", Math.Max(0, query.Take));
        page.Parameters.AddWithValue("$skip", Math.Max(0, query.Skip));
        var items = new List<PlacedTarget>();
        using (var reader = page.ExecuteReader())
        {
            while (reader.Read())
            {
                items.Add(new PlacedTarget(
                    new TargetRow(reader.GetInt64(0), ReadAssessment(reader, 1), reader.GetString(7), reader.GetString(8)),
                    reader.IsDBNull(9) ? null : reader.GetString(9),
                    Arrival(reader)));
            }
        }
        var total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        return Task.FromResult(new TargetPage(items, total));
    }

    public Task<IReadOnlyList<TargetedConsignment>> TargetConsignmentsAsync(Lane minimumLane, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(
            $"""
            SELECT {TargetColumns}, c.status, v.raw_message_id, v.body FROM current_targets t {TargetJoins}
            WHERE t.lane_rank >= $minimum
            ORDER BY t.lane_rank DESC, t.score DESC, t.document_key
            """);
        command.Parameters.AddWithValue("$minimum", (int)minimumLane);
        using var reader = command.ExecuteReader();
        var rows = new List<TargetedConsignment>();
        while (reader.Read())
        {
            var assessment = ReadAssessment(reader, 1);
            var consignment = new OpenCts.Storage.Messages.StoredConsignment(
                assessment.DocumentKey, assessment.ConsignmentVersion, reader.GetString(12), reader.GetInt64(13), Messages.Packing.ReadBody(reader, 14, _store.Bodies));
            rows.Add(new TargetedConsignment(new TargetRow(reader.GetInt64(0), assessment, reader.GetString(7), reader.GetString(8)), consignment));
        }
        return Task.FromResult<IReadOnlyList<TargetedConsignment>>(rows);
    }

    public Task<IReadOnlyList<RedLaneTarget>> RedLaneAtAsync(IReadOnlyCollection<string> places, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new List<RedLaneTarget>();
        if (places.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<RedLaneTarget>>(result);
        }
        using var command = _store.Command(
            $"""
            SELECT {TargetColumns} FROM current_targets t {TargetJoins}
            WHERE t.lane_rank = {(int)Lane.Red} AND upper(t.discharge) IN (SELECT upper(value) FROM json_each($places))
            """);
        command.Parameters.AddWithValue("$places", JsonSerializer.Serialize(places));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new RedLaneTarget(
                ReadAssessment(reader, 1),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                Arrival(reader)));
        }
        return Task.FromResult<IReadOnlyList<RedLaneTarget>>(result);
    }

    private static DateTimeOffset? Arrival(SqliteDataReader reader) =>
        ConsignmentPlace.Arrival(reader.IsDBNull(10) ? null : reader.GetInt64(10), reader.IsDBNull(11) ? null : reader.GetInt32(11));
}
