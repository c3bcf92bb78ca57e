using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenCts.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class ProfileApprovalTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASupervisorCannotApproveTheirOwnProfileButAnotherSupervisorCan()
    {
        using var sue = server.As("sue");
        using var sam = server.As("sam");
        var created = await sue.PostAsync("/api/v1/profiles", ServerFixture.Json("""
            {"id":"SRV-4EYES-001","name":"Phones under 20 EUR per kg","category":"revenue-and-valuation","criteria":"any goods: goods.hs startsWith \"8517\" and goods.valuePerKg < 20","weight":30,"action":"yellow-lane"}
            """), Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("draft", (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("status").GetString());

        var backtest = await sue.PostAsync("/api/v1/profiles/SRV-4EYES-001/backtest", null, Token);
        Assert.Equal(HttpStatusCode.OK, backtest.StatusCode);
        Assert.Equal(2, (await backtest.Content.ReadFromJsonAsync<JsonElement>(Token)).GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await sue.PostAsync("/api/v1/profiles/SRV-4EYES-001/submit", null, Token)).StatusCode);

        var own = await sue.PostAsync("/api/v1/profiles/SRV-4EYES-001/approve", null, Token);
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Equal("application/problem+json", own.Content.Headers.ContentType?.MediaType);

        var other = await sam.PostAsync("/api/v1/profiles/SRV-4EYES-001/approve", null, Token);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("active", (await other.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("status").GetString());

        var versions = await sam.GetFromJsonAsync<JsonElement>("/api/v1/profiles/SRV-4EYES-001", Token);
        Assert.Equal(3, versions.GetArrayLength());
    }

    [Fact]
    public async Task Of_an_approval_and_a_rejection_sent_at_the_same_instant_by_two_supervisors_one_is_done_and_the_other_answers_409()
    {
        using var ana = server.As("ana");
        using var sue = server.As("sue");
        using var sam = server.As("sam");
        for (var round = 0; round < 10; round++)
        {
            var id = $"SRV-RACE-{round:D3}";
            var created = await ana.PostAsync("/api/v1/profiles", ServerFixture.Json($$"""
                {"id":"{{id}}","name":"Phones under 20 EUR per kg","category":"revenue-and-valuation","criteria":"any goods: goods.hs startsWith \"8517\" and goods.valuePerKg < 20","weight":30,"action":"yellow-lane"}
                """), Token);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ana.PostAsync($"/api/v1/profiles/{id}/submit", null, Token)).StatusCode);

            using var start = new ManualResetEventSlim();
            var approve = Task.Run(() => { start.Wait(Token); return sue.PostAsync($"/api/v1/profiles/{id}/approve", null, Token); }, Token);
            var reject = Task.Run(() => { start.Wait(Token); return sam.PostAsync($"/api/v1/profiles/{id}/reject", null, Token); }, Token);
            start.Set();
            using var approved = await approve;
            using var rejected = await reject;

            var statuses = new[] { approved.StatusCode, rejected.StatusCode }.Order().ToArray();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
            var loser = approved.StatusCode == HttpStatusCode.Conflict ? approved : rejected;
            Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
            var versions = await sue.GetFromJsonAsync<JsonElement>($"/api/v1/profiles/{id}", Token);
            Assert.Equal(3, versions.GetArrayLength());
        }
    }
}
