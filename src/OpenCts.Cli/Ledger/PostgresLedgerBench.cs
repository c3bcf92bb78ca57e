using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using OpenCts.Cli.Common;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;
using OpenCts.Storage.Postgres;
using OpenCts.Storage.Postgres.Ledger;
using Spectre.Console;

namespace OpenCts.Cli.Ledger;

/// <summary>What <c>cts bench ledger --store</c> measures of the PostgreSQL ledger, each figure beside its bound.</summary>
/// <param name="LeavesPerSecond">Leaves journaled as pending (one statement per batch) and sequenced, with a checkpoint every second.</param>
/// <param name="SequencedLeavesPerSecond">The same leaves over the sequencer's time alone.</param>
/// <param name="Checkpoints">Checkpoints signed while appending.</param>
/// <param name="InsertRowsPerSecond">PostgreSQL inserting rows of a leaf's size in the same batches (the bound of the appends).</param>
/// <param name="ProofMicroseconds">One inclusion proof at the tree size asked for.</param>
/// <param name="NodeReadMicroseconds">Reading the proof's stored rows alone, one query per proof (the bound of the proofs).</param>
internal sealed record PostgresLedgerFigures(
    double LeavesPerSecond, double SequencedLeavesPerSecond, int Checkpoints, double InsertRowsPerSecond, double ProofMicroseconds, double NodeReadMicroseconds);

/// <summary>Runs the ledger bench on a PostgreSQL server, in a database of its own that it drops afterwards.</summary>
internal static class PostgresLedgerBench
{
    public static async Task<PostgresLedgerFigures> RunAsync(
        string server, string folder, NoteSigner signer, RecordMaker records, int batch, int seconds, long leaves, int proofs, CancellationToken cancellationToken)
    {
        var database = await BenchDatabase.CreateAsync(server, cancellationToken);
        try
        {
            await using var store = await PostgresStore.OpenAsync(database, PostgresLedgerJournal.Instance, Path.Combine(folder, "postgres"), null, cancellationToken);
            await using var sequencer = await store.SequencerAsync(SequencerWait.Fail, cancellationToken);
            var (leavesPerSecond, sequencedPerSecond, checkpoints) = await MeasureAppendsAsync(store, sequencer, signer, records, batch, seconds, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"PostgreSQL appends: {leavesPerSecond:N0} leaves/s journaled and sequenced ({sequencedPerSecond:N0}/s over the sequencer's time) with {checkpoints} checkpoints signed");
            var insertRowsPerSecond = await PostgresLedgerBounds.InsertRowsPerSecondAsync(store.DataSource, batch, TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 3)), cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"PostgreSQL: {insertRowsPerSecond:N0} rows/s inserted, rows the size of a leaf in batches of {batch:N0}");

            AnsiConsole.MarkupLineInterpolated($"growing the PostgreSQL tree to {leaves:N0} leaves...");
            var size = 0L;
            while (size < leaves)
            {
                await EnqueueAsync(store.DataSource, records.Next((int)Math.Min(batch * 5, leaves - size)), cancellationToken);
                size = await sequencer.IntegrateAsync(cancellationToken);
            }
            using var reader = store.OpenLedgerReader();
            var (proofMicroseconds, indexes) = ProofTiming.Measure(reader.InclusionProof, index => reader.Leaves(index, index + 1).Single(), reader.RootAt(leaves), leaves, proofs);
            AnsiConsole.MarkupLineInterpolated($"PostgreSQL inclusion proofs at {leaves:N0} leaves: {proofMicroseconds:N1} µs each");
            var nodeReadMicroseconds = await PostgresLedgerBounds.ProofNodeReadMicrosecondsAsync(store.DataSource, leaves, indexes, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"PostgreSQL reading a proof's rows alone: {nodeReadMicroseconds:N1} µs each");
            return new PostgresLedgerFigures(leavesPerSecond, sequencedPerSecond, checkpoints, insertRowsPerSecond, proofMicroseconds, nodeReadMicroseconds);
        }
        finally
        {
            await BenchDatabase.DropAsync(server, database);
        }
    }

    // Each round journals a batch as the store's writers would (salted commitments, pending rows) and sequences it.
    private static async Task<(double LeavesPerSecond, double SequencedLeavesPerSecond, int Checkpoints)> MeasureAppendsAsync(
        PostgresStore store, PostgresSequencer sequencer, NoteSigner signer, RecordMaker records, int batch, int seconds, CancellationToken cancellationToken)
    {
        var sequencing = new Stopwatch();
        var watch = Stopwatch.StartNew();
        var nextCheckpoint = TimeSpan.FromSeconds(1);
        var size = 0L;
        var checkpoints = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            await EnqueueAsync(store.DataSource, records.Next(batch), cancellationToken);
            sequencing.Start();
            size = await sequencer.IntegrateAsync(cancellationToken);
            if (watch.Elapsed >= nextCheckpoint)
            {
                await sequencer.SignCheckpointAsync(signer, cancellationToken);
                checkpoints++;
                nextCheckpoint += TimeSpan.FromSeconds(1);
            }
            sequencing.Stop();
        }
        sequencing.Start();
        await sequencer.SignCheckpointAsync(signer, cancellationToken);
        sequencing.Stop();
        return (size / watch.Elapsed.TotalSeconds, size / sequencing.Elapsed.TotalSeconds, checkpoints + 1);
    }

    // The pending rows a batch of records leaves, written in one transaction, as PostgresLedgerJournal would write them one by one.
    private static async Task EnqueueAsync(NpgsqlDataSource dataSource, LedgerRecord[] records, CancellationToken cancellationToken)
    {
        var salts = new byte[records.Length][];
        var commitments = new byte[records.Length][];
        for (var i = 0; i < records.Length; i++)
        {
            salts[i] = LedgerEntry.NewSalt();
            commitments[i] = LedgerEntry.Commit(salts[i], records[i].Bytes.Span);
        }
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO ledger_pending (record_kind, record_id, salt, commitment) SELECT * FROM unnest(@kinds, @ids, @salts, @commitments)");
        insert.Parameters.Add(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = records.Select(r => r.Kind).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = records.Select(r => r.Id).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("salts", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = salts });
        insert.Parameters.Add(new NpgsqlParameter("commitments", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = commitments });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
