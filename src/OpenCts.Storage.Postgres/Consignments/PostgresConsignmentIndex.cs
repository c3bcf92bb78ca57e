using OpenCts.Storage.Consignments;
using OpenCts.Storage.Messages;
using OpenCts.Storage.Postgres.Messages;

namespace OpenCts.Storage.Postgres.Consignments;

/// <summary>Current consignments by key, and by document or master document number (the master number is indexed inside the stored body).</summary>
internal sealed class PostgresConsignmentIndex(PostgresStore store) : IConsignmentIndex
{
    /// <summary>The master number inside a version's body: the expression <c>consignment_versions_by_master</c> indexes, written the same so that the index is used.</summary>
    private const string MasterNumber = "((v.body::jsonb) #>> '{document,masterNumber}')";

    private const string Current =
        $"""
        SELECT {PostgresMessageStore.VersionColumns}
        FROM consignments c JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
        """;

    private readonly PostgresStore _store = store;

    public async Task<IReadOnlyList<StoredConsignment>> CurrentOfAsync(IReadOnlyCollection<string> documentKeys, CancellationToken cancellationToken) =>
        await _store.ListAsync(
            Current + " JOIN unnest(@keys) WITH ORDINALITY AS k (key, n) ON k.key = c.document_key WHERE c.status = 'active' ORDER BY k.n",
            PostgresMessageStore.ReadVersion, null, cancellationToken, ("keys", documentKeys.Distinct(StringComparer.Ordinal).ToArray())).ConfigureAwait(false);

    public async Task<IReadOnlyList<string>> MastersNumberedAsync(string number, CancellationToken cancellationToken) =>
        await _store.ListAsync(
            $"""
            SELECT c.document_key FROM consignments c
            JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
            WHERE c.number = @n AND c.status = 'active' AND {MasterNumber} IS NULL ORDER BY v.id
            """,
            r => r.GetString(0), null, cancellationToken, ("n", number)).ConfigureAwait(false);

    public async Task<IReadOnlyList<string>> HousesOfAsync(string masterNumber, CancellationToken cancellationToken) =>
        await _store.ListAsync(
            $"""
            SELECT c.document_key FROM consignments c
            JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
            WHERE {MasterNumber} = @n AND c.status = 'active' ORDER BY v.id
            """,
            r => r.GetString(0), null, cancellationToken, ("n", masterNumber)).ConfigureAwait(false);
}
