using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Common;

/// <summary>A <c>cts bench</c> command whose work lives in the bench tool <c>cts-bench</c> (bench/OpenCts.Bench.Cli), run from the checkout with the same arguments.</summary>
/// <remarks>
/// The tool carries the peer engines and the generated quality sets, which stay out of the product. The options are
/// declared once in <typeparamref name="TSettings"/>, a file the tool compiles too, so that the CLI parses them as
/// strictly as its other commands, shows them in its help, and reports a mistake before a build starts.
/// </remarks>
internal sealed class BenchToolCommand<TSettings> : AsyncCommand<TSettings>
    where TSettings : CommandSettings
{
    private const string Project = "bench/OpenCts.Bench.Cli/OpenCts.Bench.Cli.csproj";

    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        if (RepositoryData.FindInCheckout(Project.Split('/')) is not { } project)
        {
            Output.Error($"cts bench {context.Name} runs the bench tool cts-bench ({Project}) of an OpenCTS checkout, and there is none above the working folder or this cts");
            return 2;
        }

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var arg in (string[])["run", "-c", "Release", "--project", Path.GetDirectoryName(project)!, "--", context.Name, .. ArgumentsAfter(context)])
        {
            start.ArgumentList.Add(arg);
        }
        // Output and input are inherited, not redirected: the tool writes straight to this console, with its width and colours.
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("no process was started");
        }
        catch (Win32Exception e)
        {
            Output.Error($"cts bench {context.Name} could not start `dotnet run` for the bench tool cts-bench: {e.Message}");
            return 2;
        }
        using (process)
        {
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
            return process.ExitCode;
        }
    }

    /// <summary>The command line after the command's name (<c>bench targeting</c>), passed on as it was typed.</summary>
    private static IEnumerable<string> ArgumentsAfter(CommandContext context)
    {
        var arguments = context.Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (string.Equals(arguments[i], context.Name, StringComparison.OrdinalIgnoreCase))
            {
                return arguments.Skip(i + 1);
            }
        }
        return arguments;
    }
}
