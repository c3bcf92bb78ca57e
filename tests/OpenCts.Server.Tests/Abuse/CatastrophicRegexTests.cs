using System.Diagnostics;
using System.Net;
using System.Text;

namespace OpenCts.Server.Tests.Abuse;

/// <summary>An approved profile with a catastrophic regular expression, met by a long text made to trigger it: the regex timeout holds and the assessment completes.</summary>
[Collection(ServerCollection.Name)]
public sealed class CatastrophicRegexTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_profile_matching_a_runaway_pattern_over_a_long_description_times_out_and_the_consignment_is_still_assessed()
    {
        using var sue = server.As("sue");
        using var sam = server.As("sam");
        const string Id = "ABUSE-REDOS-001";
        using (var created = await sue.PostAsync("/api/v1/profiles", ServerFixture.Json("""
            {"id":"ABUSE-REDOS-001","name":"Runaway pattern","category":"narcotics","criteria":"any goods: goods.description matches \"(a+)+$\"","weight":80,"action":"red-lane"}
            """), Token))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await sue.PostAsync($"/api/v1/profiles/{Id}/submit", null, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sam.PostAsync($"/api/v1/profiles/{Id}/approve", null, Token)).StatusCode);
        try
        {
            // (a+)+$ over a run of a's that ends in another letter backtracks through 2^n splits: without the timeout it never ends.
            const int Serial = 3_600_001;
            var text = Encoding.UTF8.GetString(RedMessages.Waybill(Serial, listed: false))
                .Replace("TABLET COMPUTERS", new string('A', 300) + "!", StringComparison.Ordinal);
            using var postnl = server.As("postnl");
            var watch = Stopwatch.StartNew();
            using (var received = await postnl.PostAsync("/api/v1/messages", new StringContent(text, Encoding.UTF8, "application/xml"), Token))
            {
                Assert.True(received.StatusCode == HttpStatusCode.Created, await received.Content.ReadAsStringAsync(Token));
            }
            var key = "MasterAirWaybill:" + RedMessages.Awb(Serial);
            Application.Consignments.ConsignmentDetail? detail = null;
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                detail = await server.UseStoreAsync(a => a.Consignments.DetailAsync(key, Token));
                if (detail?.Current is not null)
                {
                    break;
                }
                await Task.Delay(100, Token);
            }
            Assert.NotNull(detail?.Current);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the assessment took {watch.Elapsed}");
            // A timed-out match counts as no match: the runaway profile gave no reason.
            Assert.DoesNotContain(detail.Current.Reasons, r => r.Code == Id);
            using var anonymous = server.Anonymous();
            Assert.Equal("ok\n", await anonymous.GetStringAsync("/healthz", Token));
        }
        finally
        {
            await sam.PostAsync($"/api/v1/profiles/{Id}/retire", null, Token);
        }
    }
}
