using System.Text.Json;
using OpenCts.Application.Assessing;

namespace OpenCts.Application.Tests.Commerce;

/// <summary>The e-commerce indicators a process builds from the store replay what was assessed before it started.</summary>
public class HistoryReplayTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Indicators_built_after_a_restart_give_every_consignment_the_facts_the_indicators_that_saw_it_give()
    {
        await using var app = new TestApplication();
        await app.Application.Bundles.LoadAsync([TestApplication.Sample("consignments")], null, Token);
        await app.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        var live = Facts(await app.Application.Commerce.PeekAsync(await app.Store.Messages.CurrentAsync(Token), Token));

        await app.ReopenAsync();
        var rebuilt = Facts(await app.Application.Commerce.PeekAsync(await app.Store.Messages.CurrentAsync(Token), Token));

        Assert.True(live.Count > 100, $"only {live.Count} consignments");
        // Entities seen more than once: the counts depend on what was replayed.
        Assert.Contains(live, f => System.Text.RegularExpressions.Regex.IsMatch(f, "\"Consignments\":([2-9]|[1-9][0-9])"));
        Assert.Equal(live, rebuilt);
    }

    // Some facts are not numbers (no reference value yet), which JSON writes only as named values.
    private static readonly JsonSerializerOptions Named = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static List<string> Facts(IReadOnlyList<Domain.Consignments.Consignment> consignments) =>
        [.. consignments.Select(c => JsonSerializer.Serialize(new { c.Commerce, Goods = c.Goods.Select(g => g.Commerce) }, Named))];
}
