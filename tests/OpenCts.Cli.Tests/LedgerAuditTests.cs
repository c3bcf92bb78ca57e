using Microsoft.Data.Sqlite;
using OpenCts.Tests.Shared;

namespace OpenCts.Cli.Tests;

/// <summary>The store and the ledger together: every record the main job writes is logged, and the audit names any later edit.</summary>
public class LedgerAuditTests
{
    [Fact]
    public void RowsEditedOrDeletedInTheSqliteFileAfterACheckpointAreNamedByTheAudit()
    {
        using var temp = new TempFolder();
        var samples = Path.Combine(RepositoryData.RepositoryRoot, "samples");
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "assess", samples, "--data", "store", "--quiet").ExitCode);
        Assert.Equal(0, CtsProcess.Run(temp.Directory, "ledger", "checkpoint", "--data", "store").ExitCode);
        var clean = CtsProcess.Run(temp.Directory, "ledger", "audit", "--data", "store");
        Assert.True(clean.ExitCode == 0, clean.All);

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(temp.Directory, "store", "cts.db")};Pooling=False"))
        {
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = """
                UPDATE assessments SET score = score + 1 WHERE id = 7;
                UPDATE raw_messages SET bytes = bytes || X'20' WHERE id = 3;
                DELETE FROM profiles WHERE id = 'REV-001';
                """;
            tamper.ExecuteNonQuery();
        }

        var audit = CtsProcess.Run(temp.Directory, "ledger", "audit", "--data", "store");
        Assert.Equal(1, audit.ExitCode);
        Assert.Contains("assessment:7", audit.Out, StringComparison.Ordinal);
        Assert.Contains("message:3", audit.Out, StringComparison.Ordinal);
        Assert.Contains("profile:REV-001@1", audit.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("assessment:8 ", audit.Out, StringComparison.Ordinal);
    }
}
