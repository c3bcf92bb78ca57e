using System.ComponentModel;
using OpenCts.Application.Commerce;
using OpenCts.Cli.Common;
using OpenCts.Ingestion.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Commerce;

/// <summary><c>cts orders import FILES|DIRS</c>: stores order records from e-commerce platforms, to be linked to parcels by tracking number.</summary>
internal sealed class PlatformOrdersCommand : AsyncCommand<PlatformOrdersCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<PATHS>")]
        [Description("Platform-order files (docs/platform-orders.md), or folders to read recursively.")]
        public string[] Paths { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var files = FileReceiver.Expand(settings.Paths);
        await using var store = Workspace.OpenStore(settings);
        var application = Workspace.Application(store);
        var receipts = new List<PlatformOrderReceipt>();
        foreach (var file in files)
        {
            await using var content = File.OpenRead(file);
            receipts.Add(await application.PlatformOrders.ReceiveAsync(content, file, cancellationToken));
        }
        Print(receipts);
        return receipts.Any(r => r.Errors.Count > 0) ? 1 : 0;
    }

    /// <summary>Prints each fault and one line of totals; nothing when there were no files.</summary>
    internal static void Print(IReadOnlyList<PlatformOrderReceipt> receipts)
    {
        if (receipts.Count == 0)
        {
            return;
        }
        foreach (var error in receipts.SelectMany(r => r.Errors))
        {
            Output.Error(error.ToString());
        }
        AnsiConsole.MarkupLineInterpolated(
            $"Platform orders: {receipts.Sum(r => r.InFile)} in {receipts.Count} files, {receipts.Sum(r => r.Accepted)} read, {receipts.Sum(r => r.Stored)} new, {receipts.Sum(r => r.Errors.Count)} faults.");
    }
}
