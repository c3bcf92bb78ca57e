using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.Assessments;

namespace OpenCts.Storage.Sqlite.Assessments;

/// <summary>Pages of current targets, read from the table the schema's triggers keep (see the worklist step of the migrations).</summary>
internal sealed partial class SqliteAssessmentStore
{
    private const string TargetColumns =
        "t.assessment_id, t.document_key, t.consignment_version, a.score, a.lane, a.assessed_at, a.reasons, t.number, t.kind, t.discharge, t.arrival";

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
            where.Append(" AND (instr(lower(t.number), $text) > 0 OR instr(lower(t.document_key), $text) > 0)");
        }
        var order = query.Order == TargetOrder.Arrival
            ? "t.arrival_order, t.lane_rank DESC, t.score DESC, t.document_key"
            : "t.lane_rank DESC, t.score DESC, t.document_key";
        using var page = _store.Command($"SELECT {TargetColumns} FROM current_targets t JOIN assessments a ON a.id = t.assessment_id {where} ORDER BY {order} LIMIT $take OFFSET $skip");
        using var count = _store.Command($"SELECT COUNT(*) FROM current_targets t {where}");
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
                    reader.IsDBNull(10) ? null : DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
            }
        }
        var total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        return Task.FromResult(new TargetPage(items, total));
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
            SELECT {TargetColumns} FROM current_targets t JOIN assessments a ON a.id = t.assessment_id
            WHERE t.lane_rank = {(int)Lane.Red} AND upper(t.discharge) IN (SELECT upper(value) FROM json_each($places))
            """);
        command.Parameters.AddWithValue("$places", JsonSerializer.Serialize(places));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new RedLaneTarget(
                ReadAssessment(reader, 1),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }
        return Task.FromResult<IReadOnlyList<RedLaneTarget>>(result);
    }

    /// <summary>An assessment from six columns in the order document key, version, score, lane, assessed at, reasons.</summary>
    private static Assessment ReadAssessment(SqliteDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetInt32(first + 1),
        reader.GetDouble(first + 2),
        Enum.Parse<Lane>(reader.GetString(first + 3)),
        JsonSerializer.Deserialize<ValueList<Reason>>(reader.GetString(first + 5), DomainJson.Options),
        DateTimeOffset.Parse(reader.GetString(first + 4), CultureInfo.InvariantCulture));
}
