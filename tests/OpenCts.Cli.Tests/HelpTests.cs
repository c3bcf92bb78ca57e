using System.Collections.Concurrent;

namespace OpenCts.Cli.Tests;

/// <summary><c>cts --help</c> on every command of the tree, found by reading the COMMANDS section of each help page, run as real processes.</summary>
public class HelpTests
{
    [Fact]
    public void EveryCommandAndSubCommandPrintsItsHelpAndExitsZero()
    {
        var failures = new ConcurrentBag<string>();
        var visited = new ConcurrentBag<string>();
        IReadOnlyList<string[]> level = [[]];
        while (level.Count > 0)
        {
            var next = new ConcurrentBag<string[]>();
            Parallel.ForEach(level, command =>
            {
                var run = CtsProcess.Run(Path.GetTempPath(), [.. command, "--help"]);
                var name = string.Join(' ', ["cts", .. command]);
                visited.Add(name);
                if (run.ExitCode != 0)
                {
                    failures.Add($"{name} --help exited {run.ExitCode}:\n{run.All}");
                    return;
                }
                foreach (var child in SubCommands(run.Out))
                {
                    next.Add([.. command, child]);
                }
            });
            level = [.. next];
        }

        Assert.True(failures.IsEmpty, string.Join("\n\n", failures));
        // The walk reached the leaves of several branches, so a change in the help layout cannot make it pass by finding nothing.
        Assert.Contains("cts profiles check", visited);
        Assert.Contains("cts examinations import", visited);
        Assert.Contains("cts ledger verify-record", visited);
        Assert.Contains("cts bench targeting", visited);
    }

    /// <summary>The names listed under COMMANDS: on a help page, one per line, indented four spaces.</summary>
    private static IEnumerable<string> SubCommands(string help) =>
        help.Split('\n')
            .SkipWhile(line => !line.StartsWith("COMMANDS:", StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(line => line.Length > 0 && line[0] == ' ')
            .Where(line => line.StartsWith("    ", StringComparison.Ordinal) && line[4] != ' ')
            .Select(line => line.Trim().Split(' ')[0]);
}
