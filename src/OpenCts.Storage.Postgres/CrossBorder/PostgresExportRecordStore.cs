using System.Text.Json;
using OpenCts.Domain.CrossBorder;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.CrossBorder;

namespace OpenCts.Storage.Postgres.CrossBorder;

/// <summary>Export records attached to import consignments, kept with their proof bundles; the latest per document is in force.</summary>
internal sealed class PostgresExportRecordStore(PostgresStore store) : IExportRecordStore
{
    private readonly PostgresStore _store = store;

    public Task AttachAsync(string documentKey, ReadOnlyMemory<byte> record, string bundle, ExportComparison comparison, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work => await _store.ExecuteAsync(
            "INSERT INTO export_records (document_key, administration, record, bundle, comparison, attached_at) VALUES (@k, @a, @r, @b, @c, @t)", work, cancellationToken,
            ("k", documentKey),
            ("a", comparison.Administration),
            ("r", record.ToArray()),
            ("b", bundle),
            ("c", JsonSerializer.Serialize(comparison, DomainJson.Options)),
            ("t", _store.Now())).ConfigureAwait(false), cancellationToken);

    public async Task<IReadOnlyDictionary<string, ExportComparison>> LatestAsync(CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            "SELECT document_key, comparison FROM export_records e WHERE id = (SELECT MAX(id) FROM export_records f WHERE f.document_key = e.document_key)",
            r => (Key: r.GetString(0), Comparison: JsonSerializer.Deserialize<ExportComparison>(r.GetString(1), DomainJson.Options)!), null, cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key, r => r.Comparison, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, ExportComparison>> LatestOfAsync(IReadOnlyCollection<string> documentKeys, CancellationToken cancellationToken)
    {
        var rows = await _store.ListAsync(
            "SELECT DISTINCT ON (document_key) document_key, comparison FROM export_records WHERE document_key = ANY(@keys) ORDER BY document_key, id DESC",
            r => (Key: r.GetString(0), Comparison: JsonSerializer.Deserialize<ExportComparison>(r.GetString(1), DomainJson.Options)!), null, cancellationToken,
            ("keys", documentKeys.Distinct(StringComparer.Ordinal).ToArray())).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key, r => r.Comparison, StringComparer.Ordinal);
    }
}
