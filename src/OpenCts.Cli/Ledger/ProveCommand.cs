using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Storage;
using OpenCts.Application.Ledger;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary><c>cts ledger prove KIND:ID</c>: writes the offline proof bundle of a record.</summary>
internal sealed class ProveCommand : Command<ProveCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<RECORD>")]
        [Description("The record as kind:id, e.g. message:42.")]
        public string Record { get; init; } = "";

        [CommandOption("-o|--out <FILE>")]
        [Description("Write the bundle to this file instead of standard output.")]
        public string? Out { get; init; }

        [CommandOption("--record-out <FILE>")]
        [Description("Also write the record's canonical bytes, as the ledger committed to them, to this file.")]
        public string? RecordOut { get; init; }

        [CommandOption("--tlog-proof")]
        [Description("Write the C2SP tlog-proof text instead of the JSON bundle.")]
        public bool TlogProof { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var colon = settings.Record.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == settings.Record.Length - 1)
        {
            Output.Error($"\"{settings.Record}\" is not kind:id (e.g. message:42)");
            return 2;
        }
        Workspace.RequireStore(settings);
        using var reader = LedgerReader.Open(LedgerFiles.Database(settings));
        OpenCts.Ledger.Proofs.ProofBundle bundle;
        try
        {
            bundle = reader.Prove(settings.Record[..colon], settings.Record[(colon + 1)..]);
        }
        catch (InvalidOperationException e)
        {
            Output.Error(e.Message);
            return 1;
        }
        if (settings.RecordOut is not null)
        {
            using var store = Workspace.OpenStore(settings);
            byte[]? record;
            try
            {
                record = new StoreRecordSource(store).Read(bundle.RecordKind, bundle.RecordId);
            }
            catch (UnreadableRecordKindException e)
            {
                Output.Error(e.Message);
                return 2;
            }
            if (record is null)
            {
                Output.Error($"{settings.Record} is no longer in the store");
                return 1;
            }
            File.WriteAllBytes(settings.RecordOut, record);
        }
        var text = settings.TlogProof ? bundle.ToTlogProof() : bundle.ToJson() + "\n";
        if (settings.Out is null)
        {
            Console.Out.Write(text);
        }
        else
        {
            File.WriteAllText(settings.Out, text);
        }
        return 0;
    }
}
