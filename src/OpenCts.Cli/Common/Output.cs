using OpenCts.Domain.Messages;
using OpenCts.Ingestion.Pipeline;
using Spectre.Console;

namespace OpenCts.Cli.Common;

/// <summary>How the CLI writes errors, warnings and long work, the same way in every command.</summary>
internal static class Output
{
    public static void Error(string text) => AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {text}");

    public static void Warning(string text) => AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {text}");

    public static void Issue(IngestionIssue issue)
    {
        if (issue.Severity == IssueSeverity.Error)
        {
            Error(issue.ToString());
        }
        else
        {
            Warning(issue.ToString());
        }
    }

    /// <summary>Runs work with a progress bar when the console is interactive, plainly otherwise (CI logs, pipes).</summary>
    public static T WithProgress<T>(string description, int total, Func<Action<int>, T> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || total < 2)
        {
            return work(_ => { });
        }
        return AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: total);
                return work(step => task.Increment(step));
            });
    }

    /// <summary>Runs async work with a progress bar when the console is interactive; the work reports how many of <paramref name="total"/> are done.</summary>
    public static async Task<T> WithProgressAsync<T>(string description, int total, Func<IProgress<int>?, Task<T>> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || total < 2)
        {
            return await work(null);
        }
        return await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: total);
                return await work(new Progress<int>(done => task.Value = done));
            });
    }
}
