using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Ledger.Storage;
using OpenCts.Ledger.Witness;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary><c>cts ledger checkpoint</c>: sequences pending leaves, signs a checkpoint and gathers witness cosignatures.</summary>
internal sealed class CheckpointCommand : AsyncCommand<CheckpointCommand.Settings>
{
    public sealed class Settings : SharedStoreSettings
    {
        [CommandOption("--origin <NAME>")]
        [Description("The log's origin and key name, used when the signing key is first created (default opencts.local/ledger).")]
        public string Origin { get; init; } = LedgerFiles.DefaultOrigin;

        [CommandOption("-o|--out <FILE>")]
        [Description("Write the signed (and cosigned) checkpoint note to this file instead of printing it.")]
        public string? Out { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.IsPostgres)
        {
            // The ledger of a shared store has one sequencer at a time; a second one started meanwhile exits with 4.
            return await PostgresLedger.CheckpointAsync(settings, settings.Origin, settings.Out, cancellationToken);
        }
        // Signing a checkpoint of a log that was never written would create a store, a log and a signing key behind a mistyped --data.
        Workspace.RequireStore(settings);
        using var log = LedgerLog.Open(LedgerFiles.Database(settings));
        var size = await log.IntegrateAsync(cancellationToken);
        var keys = LedgerFiles.Keys(settings);
        var created = !keys.Exists;
        using var signer = keys.LoadOrCreate(settings.Origin);
        if (created)
        {
            AnsiConsole.MarkupLineInterpolated($"created the log signing key in {keys.SignerPath} (owner-only); publish its verifier key:");
            AnsiConsole.WriteLine(signer.Verifier.VerifierKey);
        }
        var checkpoint = log.SignCheckpoint(signer);
        var policy = LedgerFiles.WitnessPolicy(settings);
        var result = new CosigningResult(checkpoint, 0, policy.Quorum == 0, []);
        if (policy.Witnesses.Count > 0)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            result = await new WitnessClient(http).CosignAsync(log, checkpoint, policy, cancellationToken);
        }
        foreach (var failure in result.Failures)
        {
            Output.Warning("witness " + failure);
        }
        var table = new Table().AddColumns("origin", "tree size", "root hash", "cosignatures", "final");
        table.AddRow(
            Markup.Escape(checkpoint.Checkpoint.Origin),
            size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToBase64String(checkpoint.Checkpoint.RootHash),
            $"{result.Cosignatures} of {policy.Witnesses.Count} (quorum {policy.Quorum})",
            result.IsFinal ? "[green]yes[/]" : "[red]no[/]");
        AnsiConsole.Write(table);
        if (settings.Out is null)
        {
            Console.Out.Write(result.Checkpoint.ToString());
        }
        else
        {
            await File.WriteAllTextAsync(settings.Out, result.Checkpoint.ToString(), cancellationToken);
        }
        return result.IsFinal ? 0 : 3;
    }
}
