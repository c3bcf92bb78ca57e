using System.Text.Json;
using OpenCts.Storage.Tests.Support;

namespace OpenCts.Cli.Tests;

/// <summary><c>cts bench ledger</c>, run as a real process on a small tree: its figures beside their bounds, in the table and in the JSON.</summary>
public class LedgerBenchCommandTests
{
    [Fact]
    public void The_json_keeps_its_keys_and_adds_the_one_tile_row_a_proof_still_reads_with_its_ratio()
    {
        using var temp = new TempFolder();

        var run = CtsProcess.Run(temp.Directory, "bench", "ledger", "--leaves", "5003", "--proofs", "300", "--seconds", "1", "--dir", ".", "--json", "ledger.json");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("reading only the leaf's own tile row", run.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Directory, "ledger.json")));
        var root = json.RootElement;
        foreach (var key in new[]
        {
            "leavesPerSecond", "inclusionProofMicroseconds", "sha256MegabytesPerSecond", "sha256LeavesPerSecond", "sqliteInsertRowsPerSecond",
            "leavesPerSecondToSha256Ratio", "leavesPerSecondToSqliteInsertRatio", "proofNodeReadMicroseconds", "inclusionProofToNodeReadRatio",
            "proofVerifyMicroseconds", "treeSize", "recordBytes",
        })
        {
            Assert.True(root.TryGetProperty(key, out _), key);
        }
        Assert.Equal(5003, root.GetProperty("treeSize").GetInt64());
        var proof = root.GetProperty("inclusionProofMicroseconds").GetDouble();
        var row = root.GetProperty("proofLeafTileReadMicroseconds").GetDouble();
        Assert.True(proof > 0 && row > 0 && root.GetProperty("leavesPerSecond").GetDouble() > 0, root.ToString());
        // The figures are rounded in the JSON and the ratio is not, so they agree to within the rounding.
        Assert.InRange(root.GetProperty("inclusionProofToLeafTileReadRatio").GetDouble() - proof / row, -0.05 * proof / row, 0.05 * proof / row);
    }

    [Fact]
    public async Task With_a_postgres_store_the_json_adds_the_postgres_ledgers_figures_beside_their_bounds()
    {
        using var temp = new TempFolder();
        var database = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        try
        {
            var run = CtsProcess.Run(temp.Directory, "bench", "ledger", "--leaves", "3001", "--proofs", "200", "--seconds", "1", "--dir", ".", "--store", database, "--json", "ledger.json");

            Assert.True(run.ExitCode == 0, run.All);
            Assert.Contains("PostgreSQL inclusion proofs at 3,001 leaves", run.Out, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Directory, "ledger.json")));
            var root = json.RootElement;
            Assert.True(root.GetProperty("leavesPerSecond").GetDouble() > 0, root.ToString());
            double Figure(string key) => root.GetProperty(key).GetDouble();
            foreach (var key in new[] { "postgresLeavesPerSecond", "postgresSequencedLeavesPerSecond", "postgresInsertRowsPerSecond", "postgresInclusionProofMicroseconds", "postgresProofNodeReadMicroseconds" })
            {
                Assert.True(Figure(key) > 0, key);
            }
            var ratio = Figure("postgresInclusionProofMicroseconds") / Figure("postgresProofNodeReadMicroseconds");
            Assert.InRange(Figure("postgresInclusionProofToNodeReadRatio") - ratio, -0.05 * ratio, 0.05 * ratio);
            ratio = Figure("postgresLeavesPerSecond") / Figure("postgresInsertRowsPerSecond");
            Assert.InRange(Figure("postgresLeavesPerSecondToInsertRatio") - ratio, -0.05 * ratio - 0.001, 0.05 * ratio + 0.001);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }
}
