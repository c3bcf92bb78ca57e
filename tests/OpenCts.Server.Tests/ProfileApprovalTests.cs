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
}
