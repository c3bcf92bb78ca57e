using OpenCts.Application.Intake;
using OpenCts.Application.Ledger;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Samples;
using OpenCts.Ledger.Audit;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Tests.Intake;

/// <summary>Bulk intake reads files of 64 KiB or more into arrays it lends again once their batch is stored: no file may be stored with another's bytes.</summary>
public class LentFileArraysTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(120)]
    public async Task Files_read_into_lent_arrays_are_each_stored_with_their_own_bytes(int batchConsignments)
    {
        var folder = Directory.CreateTempSubdirectory("cts-lent-").FullName;
        try
        {
            SampleWriter.Write(folder, new SampleGenerator(41).GenerateWithTruth(1_500), 41);
            var files = FileReceiver.Expand([Path.Combine(folder, "consignments")]);
            Assert.True(files.Count(f => new FileInfo(f).Length >= FileBuffers.SmallestPooled) >= 10, "the generated files are too small to be lent arrays");

            await using var test = new TestApplication();
            var told = new List<IReadOnlyList<ReceivedMessage>>();
            await test.Application.Intake.ReceiveFilesAsync(files, told.Add, Token, batchConsignments);

            Assert.Equal(files.Count, told.Count);
            for (var i = 0; i < files.Count; i++)
            {
                var message = Assert.Single(told[i]);
                Assert.Equal(MessageOutcome.Stored, message.Stored.Outcome);
                Assert.Equal(await File.ReadAllBytesAsync(files[i], Token), await test.Store.Messages.RawAsync(message.Stored.RawMessageId, Token));
                var lent = new FileInfo(files[i]).Length >= FileBuffers.SmallestPooled;
                Assert.Equal(lent, message.Message.Raw.IsEmpty);
            }
            Assert.Equal(1_500, (await test.Store.Messages.CountsAsync(Token)).Versions);
            // The ledger commits to each message's bytes as the writer had them in hand: read from an array lent again
            // too soon, they would differ from the bytes kept.
            var signer = NoteSigner.Generate("customs.example/ledger", NoteKeyType.Ed25519);
            using (var log = LedgerLog.Open(test.Store.DatabasePath))
            {
                await log.IntegrateAsync(Token);
                log.SignCheckpoint(signer);
            }
            var audit = new LedgerAuditor(test.Store.DatabasePath, new CheckpointVerifier([signer.Verifier])).Audit(new StoreRecordSource(test.Store), cancellationToken: Token);
            Assert.True(audit.IsClean, string.Join("; ", audit.Findings.Take(5)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
