using System.Text.Json;
using OpenCts.Application.Assessing;
using OpenCts.Application.Commerce;

namespace OpenCts.Application.Tests.Commerce;

/// <summary>A batch the indicators already know (a re-assessment) is enriched on every core, and gets what one consignment at a time would get.</summary>
public class KnownBatchEnrichmentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_of_known_documents_gets_the_facts_enriching_each_in_turn_gives_and_teaches_nothing()
    {
        await using var app = await AssessedSamplesAsync();
        var current = await app.Store.Messages.CurrentAsync(Token);
        var indicators = await app.Application.Commerce.CurrentAsync(Token);
        var learned = indicators.Consignments;

        var together = await app.Application.Commerce.EnrichAsync([.. current.Select(c => (c.DocumentKey, c.Consignment))], Token);
        var now = app.Store.Clock.GetUtcNow();
        var inTurn = current.ToDictionary(c => c.DocumentKey, c => indicators.Enrich(c.DocumentKey, c.Consignment, CommerceIndicators.InstantOf(c.Consignment, now), null));

        Assert.True(current.Count > 100, $"only {current.Count} consignments");
        Assert.Equal(learned, indicators.Consignments);
        Assert.Contains(together.Values, c => c.Commerce?.Consignee is { Consignments: > 1 });
        Assert.Equal(current.Select(c => Facts(inTurn[c.DocumentKey])), current.Select(c => Facts(together[c.DocumentKey])));
    }

    [Fact]
    public async Task A_batch_with_a_document_the_indicators_do_not_know_learns_it_and_reads_the_rest_as_they_stand()
    {
        await using var app = await AssessedSamplesAsync();
        var current = await app.Store.Messages.CurrentAsync(Token);
        var indicators = await app.Application.Commerce.CurrentAsync(Token);
        var learned = indicators.Consignments;
        var known = await app.Application.Commerce.EnrichAsync([.. current.Take(20).Select(c => (c.DocumentKey, c.Consignment))], Token);

        var newcomer = current[0].Consignment;
        var mixed = await app.Application.Commerce.EnrichAsync([.. current.Take(20).Select(c => (c.DocumentKey, c.Consignment)), ("NEW:0001", newcomer)], Token);

        Assert.Equal(learned + 1, indicators.Consignments);
        Assert.Equal(21, mixed.Count);
        Assert.NotNull(mixed["NEW:0001"].Commerce);
        // Enriched in the order of their instants, the first before the newcomer of the same instant: read as it stood.
        Assert.Equal(Facts(known[current[0].DocumentKey]), Facts(mixed[current[0].DocumentKey]));
    }

    [Fact]
    public async Task Consignments_prepared_out_of_order_on_every_core_then_enriched_in_order_get_what_enriching_each_in_turn_gives()
    {
        await using var inTurn = await LoadedSamplesAsync();
        await using var prepared = await LoadedSamplesAsync();
        var current = await inTurn.Store.Messages.CurrentAsync(Token);
        var now = inTurn.Store.Clock.GetUtcNow();
        var ordered = current.OrderBy(c => CommerceIndicators.InstantOf(c.Consignment, now)).ToList();
        var first = await inTurn.Application.Commerce.CurrentAsync(Token);
        var second = await prepared.Application.Commerce.CurrentAsync(Token);

        var expected = ordered.Select(c => Facts(first.Enrich(c.DocumentKey, c.Consignment, CommerceIndicators.InstantOf(c.Consignment, now), null))).ToList();
        var ready = new PreparedConsignment[ordered.Count];
        Parallel.For(0, ordered.Count, i =>
        {
            // Last first: what is prepared depends on the consignment alone, never on what was learned before it.
            var j = ordered.Count - 1 - i;
            ready[j] = second.Prepare(ordered[j].DocumentKey, ordered[j].Consignment, CommerceIndicators.InstantOf(ordered[j].Consignment, now));
        });
        var actual = ready.Select(r => Facts(second.Enrich(r, null))).ToList();

        Assert.True(ordered.Count > 100, $"only {ordered.Count} consignments");
        Assert.Contains(expected, f => f.Contains("\"Consignments\":2", StringComparison.Ordinal));
        Assert.Equal(expected, actual);
        Assert.Equal(first.Consignments, second.Consignments);
    }

    /// <summary>An application that loaded the samples' consignments and assessed none of them.</summary>
    private static async Task<TestApplication> LoadedSamplesAsync()
    {
        var app = new TestApplication();
        await app.Application.Bundles.LoadAsync([TestApplication.Sample("consignments")], null, Token);
        return app;
    }

    /// <summary>An application that loaded the samples' consignments and assessed them, so that its indicators know every one.</summary>
    private static async Task<TestApplication> AssessedSamplesAsync()
    {
        var app = new TestApplication();
        try
        {
            await app.Application.Bundles.LoadAsync([TestApplication.Sample("consignments")], null, Token);
            await app.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    // Some facts are not numbers (no reference value yet), which JSON writes only as named values.
    private static readonly JsonSerializerOptions Named = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static string Facts(Domain.Consignments.Consignment consignment) =>
        JsonSerializer.Serialize(new { consignment.Commerce, Goods = consignment.Goods.Select(g => g.Commerce) }, Named);
}
