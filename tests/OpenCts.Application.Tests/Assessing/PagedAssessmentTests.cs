using Microsoft.Extensions.Time.Testing;
using OpenCts.Application.Assessing;
using OpenCts.Ingestion.Samples.Ecommerce;

namespace OpenCts.Application.Tests.Assessing;

/// <summary>A bulk run reads, enriches and saves pages while it assesses others; what it decides must be what its pages assessed one after the other would be.</summary>
public sealed class PagedAssessmentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_over_several_pages_assesses_every_consignment_once_as_its_pages_assessed_one_after_the_other_would()
    {
        var folder = Parcels(17);
        try
        {
            await using var paged = await LoadedAsync(folder);
            await using var batched = await LoadedAsync(folder);
            var pending = await batched.Store.Messages.PendingAssessmentAsync(Token);

            var run = await paged.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
            var expected = new List<Domain.Assessments.Assessment>();
            foreach (var chunk in pending.Chunk(AssessmentRun.PageSize))
            {
                expected.AddRange((await batched.Application.Assessment.AssessVersionsAsync([.. chunk.Select(c => (c.DocumentKey, c.Version))], Token)).Assessments);
            }

            Assert.True(pending.Count > 3 * AssessmentRun.PageSize, $"only {pending.Count} consignments");
            Assert.Equal(pending.Count, run.Count);
            Assert.Empty(await paged.Store.Messages.PendingAssessmentAsync(Token));
            Assert.Equal(Decisions(expected), Decisions(run.Assessments));
            Assert.Contains(run.Assessments, a => a.Lane == Domain.Assessments.Lane.Red);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_run_cancelled_after_its_first_page_keeps_only_whole_pages_and_the_next_run_decides_the_rest_as_a_run_never_stopped_would()
    {
        var folder = Parcels(23);
        try
        {
            await using var app = await LoadedAsync(folder);
            await using var uninterrupted = await LoadedAsync(folder);
            var whole = await uninterrupted.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
            var total = (await app.Store.Messages.PendingAssessmentAsync(Token)).Count;
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

            // The next page is already being read and enriched when the first is told: the run stops all the same.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                app.Application.Assessment.AssessPendingAsync(new AssessOptions(), new CancelWhenTold(cancel), cancel.Token));
            var left = (await app.Store.Messages.PendingAssessmentAsync(Token)).Count;
            var rest = await app.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);

            Assert.True(total > 3 * AssessmentRun.PageSize, $"only {total} consignments");
            Assert.Contains(total - left, new[] { 0, AssessmentRun.PageSize });
            Assert.Equal(left, rest.Count);
            Assert.Empty(await app.Store.Messages.PendingAssessmentAsync(Token));
            var targets = await app.Store.Assessments.TargetsAsync(int.MaxValue, Domain.Assessments.Lane.Green, Token);
            Assert.Equal(total, targets.Count);
            Assert.Equal(Decisions(whole.Assessments), Decisions(targets.Select(t => t.Assessment)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// 3,600 generated parcels, splitting rings among them, in a folder of their own: with the samples' e-commerce
    /// profiles, which read the facts learnt from the parcels before, four pages, each enriched in order.
    /// </summary>
    private static string Parcels(int seed)
    {
        var folder = Directory.CreateTempSubdirectory("cts-pages-").FullName;
        EcommerceSampleWriter.Write(folder, new EcommerceGenerator(seed, new EcommerceOptions(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero))).Generate(3_600), seed);
        return folder;
    }

    /// <summary>An application on a store of its own, at the same instant as every other, with the samples' e-commerce bundle and the parcels loaded.</summary>
    private static async Task<TestApplication> LoadedAsync(string parcels)
    {
        var app = new TestApplication(new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero)));
        await app.Application.Bundles.LoadAsync([TestApplication.Sample("ecommerce"), parcels], null, Token);
        return app;
    }

    /// <summary>Cancels the run the first time it reports progress, on the run's own thread.</summary>
    private sealed class CancelWhenTold(CancellationTokenSource cancel) : IProgress<int>
    {
        public void Report(int value) => cancel.Cancel();
    }

    private static List<string> Decisions(IEnumerable<Domain.Assessments.Assessment> assessments) =>
        [.. assessments.OrderBy(a => a.DocumentKey, StringComparer.Ordinal).Select(a => $"{a.DocumentKey} {a.Lane} {a.Score:R} {Storage.Assessments.AssessmentBatches.ReasonsText(a)}")];
}
