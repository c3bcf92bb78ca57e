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
    public sealed class Settings : ProofKeySettings
    {
        [CommandArgument(0, "<BUNDLE>")]
        [Description("The proof bundle (JSON) written by cts ledger prove.")]
        public string Bundle { get; init; } = "";

        [CommandArgument(1, "<RECORD>")]
        [Description("The file holding the record's canonical bytes.")]
        public string Record { get; init; } = "";

    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Read(settings.Bundle, settings.Record, storeKeysByDefault: true) is not { } read)
        {
            return 2;
        }
        var (bundle, record, verifier) = read;
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
