using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Ledger.Hosting;
using OpenCts.Ledger.Keys;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Witness;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary><c>cts witness serve</c>: what a partner runs to cosign another administration's checkpoints (C2SP tlog-witness).</summary>
internal sealed class WitnessServeCommand : AsyncCommand<WitnessServeCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--listen <URL>")]
        [Description("Where to listen (default http://127.0.0.1:8081).")]
        public string Listen { get; init; } = "http://127.0.0.1:8081";

        [CommandOption("--name <NAME>")]
        [Description("The witness's key name, used when its key is first created (default opencts.local/witness).")]
        public string Name { get; init; } = "opencts.local/witness";

        [CommandOption("--log <VKEY>")]
        [Description("A log verifier key to trust (repeatable; remembered in the witness state).")]
        public string[] Logs { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.DataDirectory);
        var keys = KeyStore.ForWitness(settings.DataDirectory);
        using var signer = keys.LoadOrCreate(settings.Name);
        using var witness = new CheckpointWitness(Path.Combine(settings.DataDirectory, "witness.db"), signer);
        try
        {
            foreach (var log in settings.Logs)
            {
                witness.TrustLog(NoteVerifier.Parse(log));
            }
        }
        catch (NoteFormatException e)
        {
            Output.Error(e.Message);
            return 2;
        }
        await using var app = await LedgerHost.StartAsync(settings.Listen, a => a.MapWitnessApi(witness), cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"witness {signer.Name} listening at {LedgerHost.Address(app)}; its verifier key:");
        AnsiConsole.WriteLine(signer.Verifier.VerifierKey);
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
