using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Proofs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary><c>cts ledger verify-record BUNDLE RECORD</c>: checks a proof bundle against a record file, offline.</summary>
internal sealed class VerifyRecordCommand : Command<VerifyRecordCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<BUNDLE>")]
        [Description("The proof bundle (JSON) written by cts ledger prove.")]
        public string Bundle { get; init; } = "";

        [CommandArgument(1, "<RECORD>")]
        [Description("The file holding the record's canonical bytes.")]
        public string Record { get; init; } = "";

        [CommandOption("--vkey <KEY>")]
        [Description("A verifier key of the log (repeatable; default: the keys in --data's keys/ledger.vkeys).")]
        public string[] VerifierKeys { get; init; } = [];

        [CommandOption("--witness-key <KEY>")]
        [Description("A witness cosignature verifier key (repeatable).")]
        public string[] WitnessKeys { get; init; } = [];

        [CommandOption("--quorum <K>")]
        [Description("How many of the witness keys must have cosigned (default: all given).")]
        public int? Quorum { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ProofBundle bundle;
        byte[] record;
        ProofBundleVerifier verifier;
        try
        {
            bundle = ProofBundle.FromJson(File.ReadAllText(settings.Bundle));
            record = File.ReadAllBytes(settings.Record);
            var logKeys = LedgerFiles.LogKeys(settings.VerifierKeys, settings);
            if (logKeys.Count == 0)
            {
                Output.Error("no log verifier key: give --vkey");
                return 2;
            }
            var witnessKeys = settings.WitnessKeys.Select(NoteVerifier.Parse).ToList();
            verifier = new ProofBundleVerifier(logKeys, witnessKeys, settings.Quorum ?? witnessKeys.Count);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException)
        {
            Output.Error(e.Message);
            return 2;
        }
        var result = verifier.Verify(bundle, record);
        var table = new Table().AddColumns("record", "leaf", "checkpoint", "witnesses", "result");
        table.AddRow(
            Markup.Escape($"{bundle.RecordKind}:{bundle.RecordId}"),
            bundle.LeafIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
            result.Checkpoint is { } c ? Markup.Escape($"{c.Checkpoint.Origin} @ {c.Checkpoint.Size}") : "-",
            result.Checkpoint is { } w ? w.Cosignatures.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
            result.IsValid ? "[green]verified[/]" : $"[red]FAILED[/] {Markup.Escape(result.Failure ?? "")}");
        AnsiConsole.Write(table);
        return result.IsValid ? 0 : 1;
    }
}
