using OpenCts.Application.Assessing;
using OpenCts.Application.Intake;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Tests.Intake;

/// <summary>Bulk intake parses ahead and stores many messages to a transaction; what becomes of each file must not change.</summary>
public class BulkIntakeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(MessageIntake.BulkConsignments)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Files_received_in_bulk_end_as_they_would_one_by_one_in_the_same_order(int batchConsignments)
    {
        var folder = Directory.CreateTempSubdirectory("cts-bulk-").FullName;
        try
        {
            string[] samples = ["cuscar-d95b-1-import-rotterdam.edi", "cargo-xml-xfwb.xml", "cargo-imp-fwb.txt", "cuscar-d95b-2-cancellation.edi", "wco-cargo-report-import.json"];
            var files = samples.Select(s => TestApplication.Sample("messages", s)).ToList();
            var broken = Path.Combine(folder, "broken.json");
            await File.WriteAllTextAsync(broken, "{\"sender\": \"MAEU\", \"consignments\": [", Token);
            // The same file twice: its second copy is a duplicate; the broken file is kept as rejected where it stands.
            string[] order = [files[0], files[1], broken, files[2], files[1], files[3], files[4]];

            await using var bulk = new TestApplication();
            var seen = new List<IReadOnlyList<ReceivedMessage>>();
            await bulk.Application.Intake.ReceiveFilesAsync(order, seen.Add, Token, batchConsignments);
            await using var single = new TestApplication();
            var expected = new List<IReadOnlyList<ReceivedMessage>>();
            foreach (var file in order)
            {
                expected.Add(await single.Application.Intake.ReceiveFileAsync(file, Token));
            }

            Assert.Equal(Outcomes(expected), Outcomes(seen));
            Assert.Equal(await single.Store.Messages.CountsAsync(Token), await bulk.Store.Messages.CountsAsync(Token));
            Assert.Equal(
                (await single.Store.Messages.CurrentAsync(Token)).Select(c => (c.DocumentKey, c.Version, c.Status)),
                (await bulk.Store.Messages.CurrentAsync(Token)).Select(c => (c.DocumentKey, c.Version, c.Status)));
            Assert.Contains(seen[4], r => r.Stored.Outcome == MessageOutcome.Duplicate);
            Assert.Equal(MessageOutcome.Rejected, Assert.Single(seen[2]).Stored.Outcome);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_bulk_assessment_that_keeps_no_results_still_saves_and_counts_every_assessment()
    {
        await using var test = new TestApplication();
        await test.Application.Bundles.LoadAsync([TestApplication.Sample()], null, Token);
        var pending = (await test.Store.Messages.PendingAssessmentAsync(Token)).Count;

        var run = await test.Application.Assessment.AssessPendingAsync(new AssessOptions(KeepResults: false), null, Token);

        Assert.True(pending > 100, $"the samples hold {pending} consignments");
        Assert.Equal(pending, run.Count);
        Assert.Empty(run.Assessments);
        Assert.Empty(await test.Store.Messages.PendingAssessmentAsync(Token));
    }

    private static IEnumerable<(string Source, MessageOutcome Outcome, string Status, string Versions)> Outcomes(IEnumerable<IReadOnlyList<ReceivedMessage>> files) =>
        files.SelectMany(f => f.Select(r => (r.Source, r.Stored.Outcome, r.Stored.Status, string.Join(",", r.Stored.Versions))));
}
