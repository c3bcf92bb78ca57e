using System.Text.Json;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.Consignments;
using OpenCts.Storage.Messages;

namespace OpenCts.Storage.Sqlite.Consignments;

/// <summary>Current consignments by key, and by document or master document number (the master number has a column of its own, indexed).</summary>
internal sealed class SqliteConsignmentIndex(SqliteStore store) : IConsignmentIndex
{
    private const string Current =
        """
        SELECT c.document_key, v.version, c.status, v.raw_message_id, v.body
        FROM consignments c JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
        WHERE c.status = 'active'
        """;

    private readonly SqliteStore _store = store;

    public Task<IReadOnlyList<StoredConsignment>> CurrentOfAsync(IReadOnlyCollection<string> documentKeys, CancellationToken cancellationToken)
    {
        var result = new List<StoredConsignment>(documentKeys.Count);
        foreach (var key in documentKeys.Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Read(result, Current + " AND c.document_key = $k", ("$k", key));
        }
        return Task.FromResult<IReadOnlyList<StoredConsignment>>(result);
    }

    public Task<IReadOnlyList<string>> MastersNumberedAsync(string number, CancellationToken cancellationToken) =>
        Keys(
            """
            SELECT c.document_key FROM consignments c
            JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
            WHERE c.number = $n AND c.status = 'active' AND v.master_number IS NULL ORDER BY v.id
            """, number, cancellationToken);

    public Task<IReadOnlyList<string>> HousesOfAsync(string masterNumber, CancellationToken cancellationToken) =>
        Keys(
            """
            SELECT c.document_key FROM consignment_versions v
            JOIN consignments c ON c.document_key = v.document_key AND c.current_version = v.version
            WHERE v.master_number = $n AND c.status = 'active' ORDER BY v.id
            """, masterNumber, cancellationToken);

    private Task<IReadOnlyList<string>> Keys(string sql, string number, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(sql);
        command.Parameters.AddWithValue("$n", number);
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }
        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    private void Read(List<StoredConsignment> into, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = _store.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            into.Add(Messages.SqliteMessageStore.ReadVersion(reader, _store.Bodies));
        }
    }
}
