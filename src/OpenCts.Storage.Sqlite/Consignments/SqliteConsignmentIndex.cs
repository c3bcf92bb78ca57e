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

    public Task<IReadOnlyList<StoredConsignment>> LinkedByAsync(string documentNumber, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new List<StoredConsignment>();
        Read(result, Current + " AND c.number = $n ORDER BY v.id", ("$n", documentNumber));
        // The master's own versions carry no master number; a house's current version may name another master than its earlier ones.
        Read(result, Current.Replace("WHERE c.status = 'active'", "WHERE c.status = 'active' AND v.master_number = $n", StringComparison.Ordinal) + " ORDER BY v.id", ("$n", documentNumber));
        return Task.FromResult<IReadOnlyList<StoredConsignment>>([.. result.DistinctBy(c => c.DocumentKey)]);
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
            into.Add(Messages.SqliteMessageStore.ReadVersion(reader));
        }
    }
}
