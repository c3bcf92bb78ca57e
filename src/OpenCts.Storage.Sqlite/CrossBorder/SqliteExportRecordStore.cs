using System.Text.Json;
using OpenCts.Domain.CrossBorder;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.CrossBorder;

namespace OpenCts.Storage.Sqlite.CrossBorder;

/// <summary>Export records attached to import consignments, kept with their proof bundles; the latest per document is in force.</summary>
internal sealed class SqliteExportRecordStore(SqliteStore store) : IExportRecordStore
{
    private readonly SqliteStore _store = store;

    public Task AttachAsync(string documentKey, ReadOnlyMemory<byte> record, string bundle, ExportComparison comparison, CancellationToken cancellationToken) =>
        _store.WriteAsync((_, transaction) =>
        {
            using var command = _store.Command(
                "INSERT INTO export_records (document_key, administration, record, bundle, comparison, attached_at) VALUES ($k, $a, $r, $b, $c, $t)", transaction);
            command.Parameters.AddWithValue("$k", documentKey);
            command.Parameters.AddWithValue("$a", comparison.Administration);
            command.Parameters.AddWithValue("$r", record.ToArray());
            command.Parameters.AddWithValue("$b", bundle);
            command.Parameters.AddWithValue("$c", JsonSerializer.Serialize(comparison, DomainJson.Options));
            command.Parameters.AddWithValue("$t", _store.Now());
            return ValueTask.FromResult(command.ExecuteNonQuery());
        }, cancellationToken);

    /// <summary>The latest comparison of every document that has one.</summary>
    public Task<IReadOnlyDictionary<string, ExportComparison>> LatestAsync(CancellationToken cancellationToken) =>
        ReadAsync("SELECT document_key, comparison FROM export_records e WHERE id = (SELECT MAX(id) FROM export_records f WHERE f.document_key = e.document_key)", null, cancellationToken);

    public Task<IReadOnlyDictionary<string, ExportComparison>> LatestOfAsync(IReadOnlyCollection<string> documentKeys, CancellationToken cancellationToken) =>
        ReadAsync(
            """
            SELECT document_key, comparison FROM export_records e
            WHERE document_key IN (SELECT value FROM json_each($keys)) AND id = (SELECT MAX(id) FROM export_records f WHERE f.document_key = e.document_key)
            """,
            JsonSerializer.Serialize(documentKeys), cancellationToken);

    private Task<IReadOnlyDictionary<string, ExportComparison>> ReadAsync(string sql, string? keys, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(sql);
        if (keys is not null)
        {
            command.Parameters.AddWithValue("$keys", keys);
        }
        using var reader = command.ExecuteReader();
        var result = new Dictionary<string, ExportComparison>(StringComparer.Ordinal);
        while (reader.Read())
        {
            result[reader.GetString(0)] = JsonSerializer.Deserialize<ExportComparison>(reader.GetString(1), DomainJson.Options)!;
        }
        return Task.FromResult<IReadOnlyDictionary<string, ExportComparison>>(result);
    }
}
