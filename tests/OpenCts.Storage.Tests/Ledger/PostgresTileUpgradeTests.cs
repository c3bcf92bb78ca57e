using Npgsql;
using NpgsqlTypes;
using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;
using OpenCts.Storage.Postgres;
using OpenCts.Storage.Postgres.Ledger;
using OpenCts.Storage.Postgres.Schema;
using OpenCts.Storage.Tests.Records;

namespace OpenCts.Storage.Tests.Ledger;

/// <summary>A PostgreSQL ledger written before tiles (a <c>ledger_nodes</c> row per node) is packed into tiles when the store opens, as stored.</summary>
public class PostgresTileUpgradeTests
{
    private static readonly NoteSigner Signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AStoreWhoseLedgerKeptNodeRowsOpensWithTheSameTilesProofsAndACleanAudit()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Postgres);
        await SampleRecords.WriteEveryKindAsync(test.Store, Token);
        var checkpoint = await test.CheckpointAsync(Signer, Token);
        var size = checkpoint.Checkpoint.Size;
        var store = (PostgresStore)test.Store;
        var tiles = await TwinLedgers.PostgresTilesAsync(store.DataSource, Token);
        var proofs = Proofs(store, size);
        await RewindToNodeRowsAsync(store.DataSource, size, tampered: null);

        store = (PostgresStore)await test.ReopenAsync();

        Assert.Null(await Scalar(store.DataSource, "SELECT to_regclass('ledger_nodes')::text"));
        Assert.Equal(Migrations.LatestLedgerVersion, await Scalar(store.DataSource, "SELECT max(version) FROM schema_version WHERE component = 'ledger'"));
        Assert.Equal(tiles, await TwinLedgers.PostgresTilesAsync(store.DataSource, Token));
        Assert.Equal(proofs, Proofs(store, size));
        var report = test.Audit(Signer, Token);
        Assert.True(report.IsClean, string.Join("; ", report.Findings));
        Assert.True(report.TreeMatchesCheckpoint && report.StoredNodesMatchCheckpoint);

        await store.Messages.StoreAsync(SampleConsignment.Message("M-2", SampleConsignment.Of(vessel: "POLAR STAR")), "b.json", Token);
        var next = await test.CheckpointAsync(Signer, Token);
        Assert.Equal(size + 1, next.Checkpoint.Size);
        Assert.True(test.Audit(Signer, Token).IsClean);
    }

    [Fact]
    public async Task ALeafHashRewrittenBeforeTheUpgradeIsCopiedAsStoredAndNamedByTheAuditAfterIt()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Postgres);
        await SampleRecords.WriteEveryKindAsync(test.Store, Token);
        var size = (await test.CheckpointAsync(Signer, Token)).Checkpoint.Size;
        await RewindToNodeRowsAsync(((PostgresStore)test.Store).DataSource, size, tampered: 3);

        await test.ReopenAsync();

        var report = test.Audit(Signer, Token);
        var finding = Assert.Single(report.Findings, f => f.IsProblem);
        Assert.Equal((3L, AuditFindingKind.LeafAltered), (finding.LeafIndex, finding.Kind));
    }

    [Fact]
    public async Task NodeRowsOfATreeWithFullAndPartialTilesOnSeveralLevelsArePackedIntoTheTilesTheSqliteLedgerKeeps()
    {
        await using var twins = await TwinLedgers.CreateAsync(Token);
        // 4,096 + 256 + 16 + 3 leaves: full tiles of strata 0 to 2, and a short row at the right edge of each.
        await twins.EnqueueAsync(4_371, Token);
        var size = await twins.Sequencer.IntegrateAsync(Token);
        await twins.Sqlite.IntegrateAsync(Token);
        await RewindToNodeRowsAsync(twins.Postgres.DataSource, size, tampered: null);

        await using var reopened = await PostgresStore.OpenAsync(twins.ConnectionString, PostgresLedgerJournal.Instance, twins.Folder, null, Token);

        Assert.Equal(twins.SqliteTiles(), await TwinLedgers.PostgresTilesAsync(reopened.DataSource, Token));
    }

    private static List<byte[][]> Proofs(PostgresStore store, long size)
    {
        using var reader = store.OpenLedgerReader();
        return [.. Enumerable.Range(0, (int)size).Select(index => reader.InclusionProof(index, size))];
    }

    // Brings the database back to ledger schema 1, as the sequencer wrote it before tiles: a ledger_nodes row per
    // complete subtree of the leaves stored, the leaf node of `tampered` (if any) with its last byte flipped.
    private static async Task RewindToNodeRowsAsync(NpgsqlDataSource dataSource, long size, long? tampered)
    {
        var range = new CompactRange();
        var ids = new List<long>();
        var hashes = new List<byte[]>();
        await using (var leaves = dataSource.CreateCommand("SELECT record_kind, record_id, commitment FROM ledger_leaves ORDER BY leaf_index"))
        await using (var reader = await leaves.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                var entry = new LedgerEntry(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2));
                range.Append(entry.LeafHash(), (node, hash) =>
                {
                    var stored = (byte[])hash.Clone();
                    if (node.Level == 0 && node.Index == tampered)
                    {
                        stored[^1] ^= 0xFF;
                    }
                    ids.Add(node.Key);
                    hashes.Add(stored);
                });
            }
        }
        Assert.Equal(size, range.Size);
        await using var rewind = dataSource.CreateCommand("""
            DROP TABLE ledger_tiles;
            CREATE TABLE ledger_nodes (id BIGINT PRIMARY KEY, hash BYTEA NOT NULL);
            DELETE FROM schema_version WHERE component = 'ledger' AND version = 2;
            INSERT INTO ledger_nodes (id, hash) SELECT * FROM unnest(@ids, @hashes);
            """);
        rewind.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids.ToArray() });
        rewind.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = hashes.ToArray() });
        await rewind.ExecuteNonQueryAsync(Token);
    }

    private static async Task<object?> Scalar(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync(Token);
        return value is DBNull ? null : value;
    }
}
