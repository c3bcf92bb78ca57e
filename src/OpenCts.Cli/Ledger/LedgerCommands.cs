using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary>Registers the `cts ledger` and `cts witness` commands and `cts bench ledger`.</summary>
internal static class LedgerCommands
{
    public static void AddLedgerCommands(this IConfigurator config)
    {
        config.AddBranch("ledger", ledger =>
        {
            ledger.SetDescription("The transparency ledger: checkpoints, proofs, audit, tiles.");
            ledger.AddCommand<CheckpointCommand>("checkpoint")
                .WithDescription("Sequence pending leaves, sign a checkpoint and gather witness cosignatures (exit 3 if the quorum is not met).");
            ledger.AddCommand<ProveCommand>("prove")
                .WithDescription("Write the offline proof bundle of a record.")
                .WithExample("ledger", "prove", "message:42", "--out", "message-42.proof.json");
            ledger.AddCommand<VerifyRecordCommand>("verify-record")
                .WithDescription("Check a proof bundle against a record file, with no database and no network (exit 0 verified, 1 failed).");
            ledger.AddCommand<VerifyCheckpointCommand>("verify-checkpoint")
                .WithDescription("Check a signed checkpoint of any log against its verifier key (exit 0 valid, 1 invalid, 2 unreadable).");
            ledger.AddCommand<AuditCommand>("audit")
                .WithDescription("Recompute leaves and tree from the stored records and name every altered or deleted record (exit 1 on findings).");
            ledger.AddCommand<ServeCommand>("serve")
                .WithDescription("Publish the C2SP tlog-tiles read API (/checkpoint, /tile/...).");
            ledger.AddCommand<RotateKeyCommand>("rotate-key")
                .WithDescription("Replace the signing key; old checkpoints keep verifying with the old verifier key.");
            ledger.AddCommand<AppendCommand>("append")
                .WithDescription("Log files as records (id = file name).");
        });
        config.AddBranch("witness", witness =>
        {
            witness.SetDescription("Cosign other administrations' ledger checkpoints (C2SP tlog-witness).");
            witness.AddCommand<WitnessServeCommand>("serve")
                .WithDescription("Run a witness with its own key and state; it refuses checkpoints that roll back or fork a log.");
            witness.AddCommand<WitnessRotateKeyCommand>("rotate-key")
                .WithDescription("Give the witness a new cosigning key, keep the old one published as retired (old cosignatures keep verifying), and print the policy line partners must list.")
                .WithExample("witness", "rotate-key", "--data", "witness-data", "--url", "https://witness.partner.example");
        });
    }

    /// <summary>Registers this feature's `cts bench` subcommands.</summary>
    public static void AddLedgerBenchmarks(this IConfigurator<CommandSettings> bench)
    {
        bench.AddCommand<LedgerBenchCommand>("ledger")
            .WithDescription("Ledger appends/s with a checkpoint every second, inclusion-proof time at 10 million leaves, SHA-256 bound.");
    }
}
