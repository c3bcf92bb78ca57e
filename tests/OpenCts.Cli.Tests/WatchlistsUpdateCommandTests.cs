using OpenCts.Application.Tests.Lists;

namespace OpenCts.Cli.Tests;

/// <summary><c>cts watchlists update</c> run as a real process against the loopback server.</summary>
public class WatchlistsUpdateCommandTests
{
    [Fact]
    public async Task TheCommandPrintsEachListWithItsChangesAndSourceAndAFailedDownloadExitsWith2OnOneLine()
    {
        await using var lists = await PublishedLists.StartAsync();
        var args = new List<string> { "watchlists", "update", "--data", "cli-store" };
        foreach (var source in lists.Sources("v1"))
        {
            args.AddRange(["--source", source.ToString()]);
        }

        var update = await CtsProcess.RunAsync(lists.Directory, [.. args]);

        Assert.True(update.ExitCode == 0, update.All);
        var rows = update.Out.Split('\n').Select(line => string.Join(' ', line.Split(['│', '|', ' '], StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("list entries added removed amended source", rows);
        Assert.Contains($"ofac-sdn 7,379 7,379 0 0 {lists.Server.At("v1/add.csv")}", rows);
        Assert.Contains(lists.Server.At("v1/sdn.csv").ToString(), rows);
        Assert.Contains(rows, r => r.StartsWith("ofac-cons ", StringComparison.Ordinal) && r.EndsWith($" 0 0 {lists.Server.At("v1/cons_add.csv")}", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("un-consolidated ", StringComparison.Ordinal) && r.EndsWith($" 0 0 {lists.Server.At("v1/consolidated.xml")}", StringComparison.Ordinal));

        var failing = lists.Server.At("status/503/sdn.csv");
        var failed = await CtsProcess.RunAsync(lists.Directory, "watchlists", "update", "--data", "cli-store", "--source", failing.ToString());

        Assert.Equal(2, failed.ExitCode);
        Assert.Equal($"error: {failing}: HTTP 503 Service Unavailable", Assert.Single(failed.All.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }
}
