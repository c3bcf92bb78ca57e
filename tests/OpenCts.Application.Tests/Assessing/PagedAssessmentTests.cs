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
        var folder = Directory.CreateTempSubdirectory("cts-pages-").FullName;
        try
        {
            // 3,600 generated parcels, splitting rings among them, with the samples' e-commerce profiles, which read the
            // facts learnt from the parcels before: four pages, each enriched in order.
            EcommerceSampleWriter.Write(folder, new EcommerceGenerator(17, new EcommerceOptions(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero))).Generate(3_600), 17);
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
            await using var paged = new TestApplication(clock);
            await paged.Application.Bundles.LoadAsync([TestApplication.Sample("ecommerce"), folder], null, Token);
            await using var batched = new TestApplication(clock);
            await batched.Application.Bundles.LoadAsync([TestApplication.Sample("ecommerce"), folder], null, Token);
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

    private static List<string> Decisions(IEnumerable<Domain.Assessments.Assessment> assessments) =>
        [.. assessments.OrderBy(a => a.DocumentKey, StringComparer.Ordinal).Select(a => $"{a.DocumentKey} {a.Lane} {a.Score:R} {Storage.Assessments.AssessmentBatches.ReasonsText(a)}")];
}
