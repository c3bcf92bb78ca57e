using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Ledger.Witness;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary><c>cts witness rotate-key</c>: gives the witness a new cosigning key, keeps the old one published as retired, and prints what partners must change.</summary>
internal sealed class WitnessRotateKeyCommand : Command<WitnessRotateKeyCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--url <URL>")]
        [Description("The address partners reach this witness at, for the policy line printed (default: WITNESS-URL, to fill in).")]
        public string? Url { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Url is not null && !Uri.TryCreate(settings.Url, UriKind.Absolute, out _))
        {
            Output.Error($"--url: '{settings.Url}' is not an absolute URL");
            return 2;
        }
        WitnessKeyRotationResult rotation;
        try
        {
            rotation = WitnessKeyRotation.Rotate(settings.DataDirectory);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Output.Error(e.Message);
            return 2;
        }
        AnsiConsole.WriteLine($"new cosigning key for witness {rotation.KeyName}; a running cts witness serve signs with it from its next start");
        AnsiConsole.WriteLine($"current: {rotation.Current.VerifierKey}");
        foreach (var retired in rotation.Retired)
        {
            AnsiConsole.WriteLine($"retired: {retired.VerifierKey}");
        }
        AnsiConsole.WriteLine("partners: replace this witness's line in your witness policy file with");
        AnsiConsole.WriteLine($"  {rotation.PolicyLine(settings.Url ?? "WITNESS-URL")}");
        AnsiConsole.WriteLine("and keep the retired keys among the witness keys you verify older checkpoints with (--witness-key): cosignatures made before now verify only with them");
        return 0;
    }
}
