using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Ledger.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary><c>cts ledger append --kind KIND FILES</c>: logs files as records (id = file name), for documents kept outside the store.</summary>
internal sealed class AppendCommand : AsyncCommand<AppendCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<FILES>")]
        [Description("Files whose bytes are the records.")]
        public string[] Files { get; init; } = [];

        [CommandOption("--kind <KIND>")]
        [Description("The record kind (default document).")]
        public string Kind { get; init; } = "document";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var records = new List<LedgerRecord>();
        foreach (var file in settings.Files)
        {
            if (!File.Exists(file))
            {
                Output.Error($"{file}: no such file");
                return 2;
            }
            records.Add(new LedgerRecord(settings.Kind, Path.GetFileName(file), await File.ReadAllBytesAsync(file, cancellationToken)));
        }
        Directory.CreateDirectory(settings.DataDirectory);
        using var log = LedgerLog.Open(LedgerFiles.Database(settings));
        var size = await log.AppendAsync(records, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"logged {records.Count} record(s); the tree has {size} leaves (run cts ledger checkpoint to sign it)");
        return 0;
    }
}
