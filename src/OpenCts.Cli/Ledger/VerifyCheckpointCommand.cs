using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Notes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary><c>cts ledger verify-checkpoint --vkey KEY --file FILE</c>: exit 0 only for a well-formed checkpoint correctly signed by the key, of any log.</summary>
internal sealed class VerifyCheckpointCommand : Command<VerifyCheckpointCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--vkey <KEY>")]
        [Description("The log's verifier key, name+hexid+base64 (repeatable, e.g. old and new key).")]
        public string[] VerifierKeys { get; init; } = [];

        [CommandOption("--file <FILE>")]
        [Description("The signed checkpoint note.")]
        public string File { get; init; } = "";

        [CommandOption("--witness-key <KEY>")]
        [Description("A witness cosignature verifier key (repeatable).")]
        public string[] WitnessKeys { get; init; } = [];

        [CommandOption("--quorum <K>")]
        [Description("How many of the witness keys must have cosigned (default 0).")]
        public int Quorum { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.VerifierKeys.Length == 0 || settings.File.Length == 0)
        {
            Output.Error("--vkey KEY and --file FILE are required");
            return 2;
        }
        CheckpointVerifier verifier;
        string note;
        try
        {
            verifier = new CheckpointVerifier(
                settings.VerifierKeys.Select(NoteVerifier.Parse),
                settings.WitnessKeys.Select(NoteVerifier.Parse),
                settings.Quorum);
            note = System.IO.File.ReadAllText(settings.File);
        }
        catch (Exception e) when (e is IOException or NoteFormatException or ArgumentException or UnauthorizedAccessException)
        {
            Output.Error(e.Message);
            return 2;
        }
        try
        {
            var verified = verifier.Verify(note);
            AnsiConsole.MarkupLineInterpolated($"[green]valid[/] checkpoint of {verified.Checkpoint.Origin}: size {verified.Checkpoint.Size}, root {Convert.ToBase64String(verified.Checkpoint.RootHash)}, {verified.Cosignatures.Count} witness cosignature(s)");
            return 0;
        }
        catch (Exception e) when (e is NoteFormatException or NoteVerificationException)
        {
            Output.Error($"{settings.File}: {e.Message}");
            return 1;
        }
    }
}
