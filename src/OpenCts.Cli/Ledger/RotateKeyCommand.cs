using OpenCts.Cli.Common;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary><c>cts ledger rotate-key</c>: replaces the signing key; the old verifier key stays published so old checkpoints still verify.</summary>
internal sealed class RotateKeyCommand : Command<StoreSettings>
{
    public override int Execute(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        var keys = LedgerFiles.Keys(settings);
        if (!keys.Exists)
        {
            Output.Error($"no signing key in {keys.SignerPath}: run cts ledger checkpoint first");
            return 2;
        }
        using var signer = keys.Rotate();
        AnsiConsole.MarkupLine("new signing key in place; verifier keys (old ones still verify old checkpoints):");
        foreach (var key in keys.Verifiers())
        {
            AnsiConsole.WriteLine(key.VerifierKey);
        }
        return 0;
    }
}
