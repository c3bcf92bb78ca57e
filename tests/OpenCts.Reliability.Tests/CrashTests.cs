using System.Collections.Concurrent;
using System.Diagnostics;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Storage;
using OpenCts.Reliability.Tests.Support;

namespace OpenCts.Reliability.Tests;

/// <summary>The real <c>cts serve</c> killed with SIGKILL while messages pour in: what it answered it keeps, once, assessed, and its ledger never forks.</summary>
public sealed class CrashTests
{
    private const int Messages = 20_000;
    private const int Connections = 8;
    private const int Kills = 5;

    [Fact]
    public async Task A_server_killed_five_times_under_load_keeps_every_answered_message_once_assessed_and_its_ledger_consistent()
    {
        var token = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        using var store = await TestStore.CreateAsync(Connections, token);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        // Five random moments, as counts of answered messages, at least 1,500 apart so each crash comes under load.
        var killAt = Enumerable.Range(0, Kills).Select(k => 1_000 + (k * 3_500) + random.Next(0, 2_000)).ToArray();
        Log($"seed {seed}; kills after {string.Join(", ", killAt)} answered messages");

        var answered = new ConcurrentDictionary<int, Receipt>();
        var unanswered = new ConcurrentBag<int>();
        using var submitter = new Submitter(store.Keys, Connections);
        Log($"store ready at {clock.Elapsed.TotalSeconds:N1} s");
        var (server, address) = await CtsProcess.ServeAsync(store.Data, token);
        Log($"server up at {clock.Elapsed.TotalSeconds:N1} s");
        var crashes = new List<(Checkpoint Before, Checkpoint After)>();
        try
        {
            submitter.Up(address);
            var next = 0;
            var workers = Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
            {
                for (var serial = Interlocked.Increment(ref next); serial <= Messages; serial = Interlocked.Increment(ref next))
                {
                    if (await submitter.PostAsync(serial, token) is { } receipt)
                    {
                        answered[serial] = receipt;
                    }
                    else
                    {
                        unanswered.Add(serial);
                    }
                }
            }, token)).ToArray();
            var sending = Task.WhenAll(workers);

            foreach (var threshold in killAt)
            {
                while (answered.Count < threshold && !sending.IsCompleted)
                {
                    await Task.Delay(5, token);
                }
                // A checkpoint published while the server takes messages, then the crash a random moment later.
                var before = await Checkpoints.SignAsync(store.Data, token);
                await Task.Delay(random.Next(0, 400), token);
                submitter.Down();
                server.Kill();
                server.Dispose();
                Log($"killed at {clock.Elapsed.TotalSeconds:N1} s with {answered.Count} answered");
                (server, address) = await CtsProcess.ServeAsync(store.Data, token);
                Log($"restarted at {clock.Elapsed.TotalSeconds:N1} s");
                submitter.Up(address);
                crashes.Add((before, await Checkpoints.SignAsync(store.Data, token)));
                Log($"crash {crashes.Count} at {clock.Elapsed.TotalSeconds:N0} s: {answered.Count} answered; checkpoints {before.Size} then {crashes[^1].After.Size}");
            }
            await sending;
            Assert.True(crashes.Count == Kills, $"the sending ended before the {Kills} crashes ({crashes.Count})");
            Log($"{answered.Count} answered, {unanswered.Count} unanswered after {clock.Elapsed.TotalSeconds:N0} s");

            // A message that was not answered is sent again: stored by the first try (duplicate) or now, never twice.
            var resent = new ConcurrentDictionary<int, Receipt>();
            await Parallel.ForEachAsync(unanswered, new ParallelOptions { MaxDegreeOfParallelism = Connections, CancellationToken = token }, async (serial, ct) =>
            {
                var receipt = await submitter.PostAsync(serial, ct);
                Assert.True(receipt is not null, $"message {serial}, sent again after the crashes, was not answered 201");
                Assert.Contains(receipt.Status, new[] { "accepted", "accepted-with-findings", "duplicate" });
                resent[serial] = receipt;
            });
            // And one that was answered, sent again, is a duplicate of itself.
            foreach (var serial in answered.Keys.Order().Where((_, i) => i % 200 == 0))
            {
                var again = await submitter.PostAsync(serial, token);
                Assert.Equal(("duplicate", answered[serial].Id), (again?.Status, again?.Id));
            }
            Log($"resent {resent.Count}: {resent.Values.Count(r => r.Status == "duplicate")} had been stored before the crash");

            await AllAssessedAsync(store.Data, token);
            Log($"all assessed at {clock.Elapsed.TotalSeconds:N0} s");
            var last = await Checkpoints.SignAsync(store.Data, token);
            server.Kill();

            using (var db = TestStore.Read(store.Data))
            {
                Assert.Equal(Messages, TestStore.Scalar(db, "SELECT count(*) FROM raw_messages WHERE status <> 'rejected'"));
                Assert.Equal(0, TestStore.Scalar(db, "SELECT count(*) FROM (SELECT sender, message_id FROM raw_messages GROUP BY sender, message_id HAVING count(*) > 1)"));
                Assert.Equal(0, TestStore.Scalar(db, """
                    SELECT count(*) FROM consignment_versions v
                    WHERE (SELECT count(*) FROM assessments a WHERE a.document_key = v.document_key AND a.consignment_version = v.version) <> 1
                    """));
                var documents = new Dictionary<long, string>();
                using (var read = db.CreateCommand())
                {
                    read.CommandText = "SELECT raw_message_id, document_key FROM consignment_versions";
                    using var rows = read.ExecuteReader();
                    while (rows.Read())
                    {
                        documents.Add(rows.GetInt64(0), rows.GetString(1));
                    }
                }
                // Every 201 names the row that holds its own waybill, and no two answers name the same row.
                foreach (var (serial, receipt) in answered.Concat(resent.Where(r => r.Value.Status != "duplicate")))
                {
                    Assert.True(documents.TryGetValue(receipt.Id, out var document), $"message {serial} was answered 201 as {receipt.Id}, which is not stored");
                    Assert.Equal("MasterAirWaybill:" + Waybills.Awb(serial), document);
                }
                Assert.Equal(answered.Count, answered.Values.Select(r => r.Id).Distinct().Count());
            }

            // Each checkpoint published before a crash is consistent with the one after it, and every checkpoint with the last.
            using (var ledger = LedgerReader.Open(Path.Combine(store.Data, "cts.db")))
            {
                foreach (var (before, after) in crashes.Concat(crashes.Select(c => (c.After, last))))
                {
                    Assert.True(before.Size <= after.Size, $"the tree shrank from {before.Size} to {after.Size}");
                    var proof = before.Size is 0 || before.Size == after.Size ? [] : ledger.ConsistencyProof(before.Size, after.Size);
                    Assert.True(before.Size == 0 || MerkleVerifier.IsValidConsistency(before.Size, after.Size, proof, before.RootHash, after.RootHash),
                        $"the checkpoint at {before.Size} is not consistent with the one at {after.Size}");
                }
                Assert.True(crashes.All(c => c.Before.Size > 0));
            }

            Log($"stored, assessed and consistent at {clock.Elapsed.TotalSeconds:N0} s");
            var audit = await CtsProcess.RunAsync(token, "ledger", "audit", "--data", store.Data);
            Assert.True(audit.ExitCode == 0, audit.Output);
            Assert.Contains("audit clean", audit.Output, StringComparison.Ordinal);
            Log($"done in {clock.Elapsed.TotalSeconds:N0} s; ledger {last.Size} leaves");
        }
        finally
        {
            server.Dispose();
        }
    }

    /// <summary>Progress, with the seed, for whoever reads the test's output after a failure.</summary>
    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private static async Task AllAssessedAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            using (var db = TestStore.Read(dataDirectory))
            {
                var waiting = TestStore.Scalar(db, """
                    SELECT count(*) FROM consignment_versions v
                    WHERE NOT EXISTS (SELECT 1 FROM assessments a WHERE a.document_key = v.document_key AND a.consignment_version = v.version)
                    """);
                if (waiting == 0)
                {
                    return;
                }
                Assert.True(DateTime.UtcNow < deadline, $"{waiting} consignment versions still unassessed after 120 s");
            }
            await Task.Delay(250, cancellationToken);
        }
    }
}
