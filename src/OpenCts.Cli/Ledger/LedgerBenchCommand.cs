using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using OpenCts.Cli.Common;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;
using OpenCts.Storage.Postgres;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary><c>cts bench ledger</c>: appends per second with a checkpoint every second and inclusion-proof time at a large tree, each beside its physical bound measured in the same run (SHA-256 and SQLite inserts of rows the same size; reading the proof's nodes alone, and the one tile row a proof reader does not keep in memory); with <c>--store</c> the PostgreSQL ledger too, beside the same kinds of bounds on that server.</summary>
internal sealed class LedgerBenchCommand : AsyncCommand<LedgerBenchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--seconds <S>")]
        [Description("How long to measure appends (default 5).")]
        public int Seconds { get; init; } = 5;

        [CommandOption("--leaves <N>")]
        [Description("Tree size at which inclusion proofs are timed (default 10,000,000).")]
        public long Leaves { get; init; } = 10_000_000;

        [CommandOption("--proofs <N>")]
        [Description("How many inclusion proofs to time (default 20,000).")]
        public int Proofs { get; init; } = 20_000;

        [CommandOption("--record-bytes <N>")]
        [Description("Size of each logged record (default 512).")]
        public int RecordBytes { get; init; } = 512;

        [CommandOption("--dir <DIR>")]
        [Description("Folder for the benchmark's SQLite file (default: a temporary folder, deleted afterwards).")]
        public string? Directory { get; init; }

        [CommandOption("--store <POSTGRES>")]
        [Description("Also measure the PostgreSQL ledger on this server (postgres://user@host:port/database), in a database of its own that the run creates and drops after; default: the SQLite ledger only.")]
        public string? Store { get; init; }

        [CommandOption("--json <FILE>")]
        [Description("Also write the figures (leavesPerSecond, inclusionProofMicroseconds, sha256MegabytesPerSecond; with --store also the postgres... ones), their bounds and the ratios to this file.")]
        public string? Json { get; init; }
    }

    private const int Batch = 10_000;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var folder = settings.Directory ?? Path.Combine(Path.GetTempPath(), "cts-bench-ledger-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "cts.db");
        try
        {
            var (shaMegabytes, nodeHashes) = Sha256Throughput();
            AnsiConsole.MarkupLineInterpolated($"SHA-256: {shaMegabytes:N0} MB/s on 1 MiB blocks, {nodeHashes:N0} node hashes/s");

            using var log = LedgerLog.Open(database);
            using var signer = NoteSigner.Generate("bench.opencts.local/ledger", NoteKeyType.Ed25519);
            var records = new RecordMaker(settings.RecordBytes);
            var (leavesPerSecond, checkpoints) = await MeasureAppends(log, signer, records, settings.Seconds, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"appends: {leavesPerSecond:N0} leaves/s with {checkpoints} checkpoints signed");
            var insertRowsPerSecond = LedgerBounds.SqliteInsertRowsPerSecond(folder, Batch, TimeSpan.FromSeconds(Math.Clamp(settings.Seconds, 1, 3)));
            AnsiConsole.MarkupLineInterpolated($"SQLite: {insertRowsPerSecond:N0} rows/s inserted, rows the size of a leaf in batches of {Batch:N0}");

            await GrowTo(log, records, settings.Leaves, cancellationToken);
            var (proofMicroseconds, indexes) = MeasureProofs(log, settings.Leaves, settings.Proofs);
            AnsiConsole.MarkupLineInterpolated($"inclusion proofs at {settings.Leaves:N0} leaves: {proofMicroseconds:N1} µs each");
            var nodeReadMicroseconds = LedgerBounds.ProofNodeReadMicroseconds(database, settings.Leaves, indexes);
            AnsiConsole.MarkupLineInterpolated($"reading a proof's nodes alone: {nodeReadMicroseconds:N1} µs each");
            var leafTileMicroseconds = LedgerBounds.ProofLeafTileReadMicroseconds(database, indexes);
            AnsiConsole.MarkupLineInterpolated($"reading only the leaf's own tile row: {leafTileMicroseconds:N1} µs each");
            var postgres = settings.Store is null
                ? null
                : await PostgresLedgerBench.RunAsync(PostgresConnection.Parse(settings.Store).ConnectionString, folder, signer, records, Batch, settings.Seconds, settings.Leaves, settings.Proofs, cancellationToken);

            // Per leaf the hashing alone is the salted commitment over the record, the leaf hash and about one node hash, on one core.
            var hashSecondsPerLeaf = (settings.RecordBytes + 32) / (shaMegabytes * 1e6) + 2 / nodeHashes;
            var sha256LeavesPerSecond = 1 / hashSecondsPerLeaf;
            var verifyMicroseconds = Math.Ceiling(Math.Log2(settings.Leaves)) * 1e6 / nodeHashes;
            var table = new Table().AddColumns("measure", "OpenCTS ledger", "goal", "bound on this machine", "ratio");
            table.AddRow("appends (leaves/s, checkpoint every second)", $"{leavesPerSecond:N0}", "≥ 250,000",
                $"{sha256LeavesPerSecond:N0} (its SHA-256 work alone, one core)", $"{leavesPerSecond / sha256LeavesPerSecond:P0}");
            table.AddRow("", "", "",
                $"{insertRowsPerSecond:N0} (SQLite inserting rows of a leaf's size)", $"{leavesPerSecond / insertRowsPerSecond:P0}");
            table.AddRow($"inclusion proof at {settings.Leaves:N0} leaves (µs)", $"{proofMicroseconds:N1}", "< 30",
                $"{nodeReadMicroseconds:N1} (reading the proof's nodes alone)", $"{proofMicroseconds / nodeReadMicroseconds:N2}×");
            table.AddRow("", "", "",
                $"{leafTileMicroseconds:N1} (reading only the leaf's own tile row, the one a reader does not keep)", $"{proofMicroseconds / leafTileMicroseconds:N2}×");
            table.AddRow("", "", "",
                $"{verifyMicroseconds:N2} (hashing its path, as a verifier does)", $"{proofMicroseconds / verifyMicroseconds:N2}×");
            table.AddRow("SHA-256 (MB/s)", $"{shaMegabytes:N0}", "", "physical bound", "");
            if (postgres is not null)
            {
                table.AddRow("PostgreSQL appends (leaves/s journaled and sequenced, checkpoint every second)", $"{postgres.LeavesPerSecond:N0}", "",
                    $"{sha256LeavesPerSecond:N0} (its SHA-256 work alone, one core)", $"{postgres.LeavesPerSecond / sha256LeavesPerSecond:P0}");
                table.AddRow("", "", "",
                    $"{postgres.InsertRowsPerSecond:N0} (PostgreSQL inserting rows of a leaf's size)", $"{postgres.LeavesPerSecond / postgres.InsertRowsPerSecond:P0}");
                table.AddRow($"PostgreSQL inclusion proof at {settings.Leaves:N0} leaves (µs)", $"{postgres.ProofMicroseconds:N1}", "",
                    $"{postgres.NodeReadMicroseconds:N1} (reading the proof's rows alone, one query)", $"{postgres.ProofMicroseconds / postgres.NodeReadMicroseconds:N2}×");
            }
            AnsiConsole.Write(table);

            if (settings.Json is not null)
            {
                var figures = new Dictionary<string, object>
                {
                    ["leavesPerSecond"] = Math.Round(leavesPerSecond),
                    ["inclusionProofMicroseconds"] = Math.Round(proofMicroseconds, 2),
                    ["sha256MegabytesPerSecond"] = Math.Round(shaMegabytes),
                    ["sha256LeavesPerSecond"] = Math.Round(sha256LeavesPerSecond),
                    ["sqliteInsertRowsPerSecond"] = Math.Round(insertRowsPerSecond),
                    ["leavesPerSecondToSha256Ratio"] = Math.Round(leavesPerSecond / sha256LeavesPerSecond, 3),
                    ["leavesPerSecondToSqliteInsertRatio"] = Math.Round(leavesPerSecond / insertRowsPerSecond, 3),
                    ["proofNodeReadMicroseconds"] = Math.Round(nodeReadMicroseconds, 2),
                    ["inclusionProofToNodeReadRatio"] = Math.Round(proofMicroseconds / nodeReadMicroseconds, 3),
                    ["proofVerifyMicroseconds"] = Math.Round(verifyMicroseconds, 2),
                    ["proofLeafTileReadMicroseconds"] = Math.Round(leafTileMicroseconds, 2),
                    ["inclusionProofToLeafTileReadRatio"] = Math.Round(proofMicroseconds / leafTileMicroseconds, 3),
                    ["treeSize"] = settings.Leaves,
                    ["recordBytes"] = settings.RecordBytes,
                };
                if (postgres is not null)
                {
                    figures["postgresLeavesPerSecond"] = Math.Round(postgres.LeavesPerSecond);
                    figures["postgresSequencedLeavesPerSecond"] = Math.Round(postgres.SequencedLeavesPerSecond);
                    figures["postgresCheckpoints"] = postgres.Checkpoints;
                    figures["postgresInsertRowsPerSecond"] = Math.Round(postgres.InsertRowsPerSecond);
                    figures["postgresLeavesPerSecondToSha256Ratio"] = Math.Round(postgres.LeavesPerSecond / sha256LeavesPerSecond, 3);
                    figures["postgresLeavesPerSecondToInsertRatio"] = Math.Round(postgres.LeavesPerSecond / postgres.InsertRowsPerSecond, 3);
                    figures["postgresInclusionProofMicroseconds"] = Math.Round(postgres.ProofMicroseconds, 2);
                    figures["postgresProofNodeReadMicroseconds"] = Math.Round(postgres.NodeReadMicroseconds, 2);
                    figures["postgresInclusionProofToNodeReadRatio"] = Math.Round(postgres.ProofMicroseconds / postgres.NodeReadMicroseconds, 3);
                }
                await File.WriteAllTextAsync(settings.Json, JsonSerializer.Serialize(figures), cancellationToken);
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (settings.Directory is null)
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static (double MegabytesPerSecond, double NodeHashesPerSecond) Sha256Throughput()
    {
        var block = RandomNumberGenerator.GetBytes(1 << 20);
        Span<byte> hash = stackalloc byte[32];
        var watch = Stopwatch.StartNew();
        long bytes = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(1))
        {
            SHA256.HashData(block, hash);
            bytes += block.Length;
        }
        var megabytes = bytes / 1e6 / watch.Elapsed.TotalSeconds;

        var left = RandomNumberGenerator.GetBytes(32);
        var right = RandomNumberGenerator.GetBytes(32);
        long nodes = 0;
        watch.Restart();
        while (watch.Elapsed < TimeSpan.FromSeconds(1))
        {
            for (var i = 0; i < 10_000; i++)
            {
                MerkleHash.Node(left, right, hash);
            }
            nodes += 10_000;
        }
        return (megabytes, nodes / watch.Elapsed.TotalSeconds);
    }

    private static async Task<(double LeavesPerSecond, int Checkpoints)> MeasureAppends(LedgerLog log, NoteSigner signer, RecordMaker records, int seconds, CancellationToken cancellationToken)
    {
        // With --dir the file may already hold a tree: count only the leaves appended here.
        long start;
        using (var reader = log.OpenReader())
        {
            start = reader.Tree().Size;
        }
        var watch = Stopwatch.StartNew();
        var nextCheckpoint = TimeSpan.FromSeconds(1);
        var size = start;
        var checkpoints = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            size = await log.AppendAsync(records.Next(Batch), cancellationToken);
            if (watch.Elapsed >= nextCheckpoint)
            {
                log.SignCheckpoint(signer);
                checkpoints++;
                nextCheckpoint += TimeSpan.FromSeconds(1);
            }
        }
        log.SignCheckpoint(signer);
        checkpoints++;
        return ((size - start) / watch.Elapsed.TotalSeconds, checkpoints);
    }

    private static async Task GrowTo(LedgerLog log, RecordMaker records, long leaves, CancellationToken cancellationToken)
    {
        using var reader = log.OpenReader();
        var size = reader.Tree().Size;
        if (size >= leaves)
        {
            return;
        }
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            AnsiConsole.MarkupLineInterpolated($"growing the tree to {leaves:N0} leaves...");
            while (size < leaves)
            {
                size = await log.AppendAsync(records.Next((int)Math.Min(Batch * 5, leaves - size)), cancellationToken);
            }
            return;
        }
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"growing the tree to {leaves:N0} leaves", maxValue: leaves);
                task.Value = size;
                while (size < leaves)
                {
                    size = await log.AppendAsync(records.Next((int)Math.Min(Batch * 5, leaves - size)), cancellationToken);
                    task.Value = size;
                }
            });
    }

    private static (double Microseconds, long[] Indexes) MeasureProofs(LedgerLog log, long size, int count)
    {
        using var reader = log.OpenReader();
        return ProofTiming.Measure(reader.InclusionProof, index => reader.Leaves(index, index + 1).Single(), reader.RootAt(size), size, count);
    }
}
