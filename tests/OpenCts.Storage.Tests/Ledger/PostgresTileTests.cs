using Npgsql;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Storage;

namespace OpenCts.Storage.Tests.Ledger;

/// <summary>The PostgreSQL ledger keeps its tree in tiles laid out as the SQLite ledger's, written in the transaction of the leaves that make them.</summary>
public class PostgresTileTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenTheSameLeavesBothBackendsStoreTheSameTilesAndGiveTheSameVerifiableProofs()
    {
        await using var twins = await TwinLedgers.CreateAsync(Token);
        using var postgresReader = twins.Postgres.OpenLedgerReader();
        var sizes = new List<long>();
        // Uneven batches, so that the right edge ends inside a tile of every stratum in turn and the next batch lengthens it.
        foreach (var count in new[] { 1, 14, 1, 17, 223, 3840, 1, 300, 4700 })
        {
            await twins.EnqueueAsync(count, Token);
            var size = await twins.Sequencer.IntegrateAsync(Token);
            Assert.Equal(size, await twins.Sqlite.IntegrateAsync(Token));
            sizes.Add(size);

            Assert.Equal(twins.SqliteTiles(), await TwinLedgers.PostgresTilesAsync(twins.Postgres.DataSource, Token));
            using var sqliteReader = twins.Sqlite.OpenReader();
            var root = sqliteReader.RootAt(size);
            Assert.Equal(root, postgresReader.Tree().Root);
            Assert.Equal(root, postgresReader.RootAt(size));
            foreach (var index in new[] { 0, size / 3, size / 2, size - 2, size - 1 }.Where(i => i >= 0).Distinct())
            {
                var proof = postgresReader.InclusionProof(index, size);
                Assert.Equal(sqliteReader.InclusionProof(index, size), proof);
                var leaf = Assert.Single(postgresReader.Leaves(index, index + 1));
                MerkleVerifier.VerifyInclusion(index, size, leaf.Entry.LeafHash(), proof, root);
            }
            foreach (var earlier in sizes.Take(sizes.Count - 1))
            {
                var proof = postgresReader.ConsistencyProof(earlier, size);
                Assert.Equal(sqliteReader.ConsistencyProof(earlier, size), proof);
                MerkleVerifier.VerifyConsistency(earlier, size, proof, sqliteReader.RootAt(earlier), root);
            }
            Assert.Equal(sqliteReader.LeafHashes(0, size), postgresReader.LeafHashes(0, size));
        }
    }

    [Fact]
    public async Task ABatchThatFailsWhileWritingItsTilesLeavesNoTileLeafOrTreeSizeOfItAndTheNextTryAppendsIt()
    {
        await using var twins = await TwinLedgers.CreateAsync(Token);
        var dataSource = twins.Postgres.DataSource;
        await twins.EnqueueAsync(300, Token);
        await twins.Sequencer.IntegrateAsync(Token);
        var tilesBefore = await TwinLedgers.PostgresTilesAsync(dataSource, Token);
        // Tile 1 of stratum 1 (leaves 256 to 511) is the right edge's short row at 300 leaves; the next batch lengthens it
        // after it has written the leaves' own tiles in the same statement.
        var failing = new NodeId(1, 1).Key;
        Assert.Contains(tilesBefore, t => t.Id == failing);
        await Execute(dataSource, $"""
            CREATE FUNCTION fail_midway() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
            CREATE TRIGGER fail_midway BEFORE INSERT ON ledger_tiles FOR EACH ROW WHEN (NEW.id = {failing}) EXECUTE FUNCTION fail_midway();
            """);

        await twins.EnqueueAsync(500, Token);
        var failure = await Assert.ThrowsAsync<PostgresException>(() => twins.Sequencer.IntegrateAsync(Token));

        Assert.Contains("disk full", failure.MessageText, StringComparison.Ordinal);
        Assert.Equal(tilesBefore, await TwinLedgers.PostgresTilesAsync(dataSource, Token));
        Assert.Equal(300L, await Scalar(dataSource, "SELECT count(*) FROM ledger_leaves"));
        Assert.Equal(300L, await Scalar(dataSource, "SELECT size FROM ledger_tree"));
        Assert.Equal(500L, await Scalar(dataSource, "SELECT count(*) FROM ledger_pending"));

        await Execute(dataSource, "DROP TRIGGER fail_midway ON ledger_tiles");
        Assert.Equal(800, await twins.Sequencer.IntegrateAsync(Token));
        Assert.Equal(800, await twins.Sqlite.IntegrateAsync(Token));
        Assert.Equal(twins.SqliteTiles(), await TwinLedgers.PostgresTilesAsync(dataSource, Token));
    }

    private static async Task Execute(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Token);
    }

    private static async Task<long> Scalar(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Token), System.Globalization.CultureInfo.InvariantCulture);
    }
}
