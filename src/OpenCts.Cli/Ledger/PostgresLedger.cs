using System.Globalization;
using OpenCts.Application.Ledger;
using OpenCts.Cli.Common;
using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Keys;
using OpenCts.Storage.Postgres;
using OpenCts.Storage.Postgres.Ledger;
using Spectre.Console;

namespace OpenCts.Cli.Ledger;

/// <summary>The ledger commands on a PostgreSQL store, whose ledger lives in the database and whose keys in the store's folder.</summary>
internal static class PostgresLedger
{
    /// <summary>Exit code of a checkpoint refused because another sequencer holds the ledger.</summary>
    public const int Busy = 4;

    public static async Task<PostgresStore> OpenAsync(SharedStoreSettings settings, CancellationToken cancellationToken) =>
        (PostgresStore)await Workspace.OpenStoreAsync(settings, cancellationToken);

    /// <summary>Takes the sequencer (or fails at once if another holds it), sequences every pending leaf and signs a checkpoint.</summary>
    public static async Task<int> CheckpointAsync(SharedStoreSettings settings, string origin, string? output, CancellationToken cancellationToken)
    {
        await using var store = await OpenAsync(settings, cancellationToken);
        PostgresSequencer sequencer;
        try
        {
            sequencer = await store.SequencerAsync(SequencerWait.Fail, cancellationToken);
        }
        catch (LedgerSequencerBusyException e)
        {
            Output.Error(e.Message);
            return Busy;
        }
        await using (sequencer)
        {
            using var before = store.OpenLedgerReader();
            var start = before.Tree().Size;
            var size = await sequencer.IntegrateAsync(cancellationToken);
            var keys = KeyStore.ForLog(store.DataDirectory);
            var created = !keys.Exists;
            using var signer = keys.LoadOrCreate(origin);
            if (created)
            {
                AnsiConsole.MarkupLineInterpolated($"created the log signing key in {keys.SignerPath} (owner-only); publish its verifier key:");
                AnsiConsole.WriteLine(signer.Verifier.VerifierKey);
            }
            var checkpoint = await sequencer.SignCheckpointAsync(signer, cancellationToken);
            var table = new Table().AddColumns("origin", "appended", "tree size", "root hash");
            table.AddRow(
                Markup.Escape(checkpoint.Checkpoint.Origin),
                (size - start).ToString("N0", CultureInfo.InvariantCulture),
                size.ToString("N0", CultureInfo.InvariantCulture),
                Convert.ToBase64String(checkpoint.Checkpoint.RootHash));
            AnsiConsole.Write(table);
            Console.Error.WriteLine($"appended {size - start} leaf(s); tree size {size}");
            if (output is null)
            {
                Console.Out.Write(checkpoint.ToString());
            }
            else
            {
                await File.WriteAllTextAsync(output, checkpoint.ToString(), cancellationToken);
            }
            return 0;
        }
    }

    /// <summary>Audits the ledger in the database against the store's records and the log's verifier keys.</summary>
    public static async Task<(AuditReport Report, long Total)> AuditAsync(SharedStoreSettings settings, Func<LedgerAuditor, StoreRecordSource, long, AuditReport> audit, CancellationToken cancellationToken)
    {
        await using var store = await OpenAsync(settings, cancellationToken);
        var keys = KeyStore.ForLog(store.DataDirectory).Verifiers();
        var auditor = new LedgerAuditor(store.OpenLedgerReader, keys.Count > 0 ? new CheckpointVerifier(keys) : null);
        long total;
        using (var reader = store.OpenLedgerReader())
        {
            total = reader.Tree().Size;
        }
        return (audit(auditor, new StoreRecordSource(store), total), total);
    }
}
