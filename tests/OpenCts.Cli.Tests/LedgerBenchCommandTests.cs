using System.Text.Json;

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
}
