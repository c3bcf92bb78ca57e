using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Ledger.Hosting;
using OpenCts.Ledger.Storage;
using OpenCts.Ledger.Tiles;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary><c>cts ledger serve</c>: publishes the C2SP tlog-tiles read API of the store's ledger.</summary>
internal sealed class ServeCommand : AsyncCommand<ServeCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--listen <URL>")]
        [Description("Where to listen (default http://127.0.0.1:8080).")]
        public string Listen { get; init; } = "http://127.0.0.1:8080";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var database = LedgerFiles.Database(settings);
        Directory.CreateDirectory(settings.DataDirectory);
        using (LedgerLog.Open(database))
        {
            // Creates the ledger tables if the store has none yet, so the endpoints answer 404 rather than fail.
        }
        await using var app = await LedgerHost.StartAsync(settings.Listen, a => a.MapTileApi(database), cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"serving tlog-tiles of {database} at {LedgerHost.Address(app)} (Ctrl+C to stop)");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
