using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OpenCts.Server.Tests.Abuse;

/// <summary>Cross-site request forgery on the cookie-authenticated UI: API changes without <c>X-CSRF-TOKEN</c>, or with another session's token, and page forms without the antiforgery token, are refused and change nothing.</summary>
[Collection(ServerCollection.Name)]
public sealed class CrossSiteRequestTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var name = role[..3] + "-" + Guid.NewGuid().ToString("N")[..8];
        var password = (await server.UseStoreAsync(a => a.Users.AddAsync(name, role, apiKey: false, "test", Token))).Secret;
        var browser = server.WithCookies();
        using var signedIn = await browser.PostAsync("/api/v1/session", ServerFixture.Json(JsonSerializer.Serialize(new { name, password })), Token);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        return browser;
    }

    private static async Task<string> CsrfTokenAsync(HttpClient browser) =>
        (await browser.GetFromJsonAsync<JsonElement>("/api/v1/session", Token)).GetProperty("csrfToken").GetString()!;

    [Fact]
    public async Task Every_kind_of_change_made_with_the_cookie_but_without_the_token_is_400_and_changes_nothing()
    {
        using var targeter = await SignedInAsync("targeter");
        using var analyst = await SignedInAsync("analyst");
        var document = "MasterAirWaybill:" + RedMessages.Awb(3_800_001);
        using (var postnl = server.As("postnl"))
        {
            Assert.Equal(HttpStatusCode.Created, (await postnl.PostAsync("/api/v1/messages", new ByteArrayContent(RedMessages.Waybill(3_800_001, listed: false)), Token)).StatusCode);
        }
        var forgeries = new (HttpClient Browser, HttpMethod Method, string Url, HttpContent? Body)[]
        {
            (targeter, HttpMethod.Post, $"/api/v1/consignments/{Uri.EscapeDataString(document)}/decisions", ServerFixture.Json("""{"action":"release"}""")),
            (targeter, HttpMethod.Post, "/api/v1/subscriptions", ServerFixture.Json("""{"category":"narcotics"}""")),
            (targeter, HttpMethod.Post, "/api/v1/session/password", ServerFixture.Json("""{"password":"x","newPassword":"chosen by another site"}""")),
            (targeter, HttpMethod.Delete, "/api/v1/session", null),
            (analyst, HttpMethod.Post, "/api/v1/profiles", ServerFixture.Json("""{"id":"ABUSE-CSRF-001","name":"Forged","category":"narcotics","criteria":"mode == \"Sea\"","weight":10,"action":"yellow-lane"}""")),
            // A "simple" request a page on another site can send without a preflight.
            (analyst, HttpMethod.Post, "/api/v1/profiles", new StringContent("""{"id":"ABUSE-CSRF-002","name":"Forged","category":"narcotics","criteria":"mode == \"Sea\"","weight":10,"action":"yellow-lane"}""", Encoding.UTF8, "text/plain")),
        };
        foreach (var (browser, method, url, body) in forgeries)
        {
            using var request = new HttpRequestMessage(method, url) { Content = body };
            using var response = await browser.SendAsync(request, Token);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url}: {response.StatusCode}");
            Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync(Token), StringComparison.OrdinalIgnoreCase);
        }
        var detail = await server.UseStoreAsync(a => a.Consignments.DetailAsync(document, Token));
        Assert.Empty(detail!.Decisions);
        Assert.Empty(await server.UseStoreAsync(a => a.Store.Profiles.VersionsAsync("ABUSE-CSRF-001", Token)));
        Assert.Empty(await server.UseStoreAsync(a => a.Store.Profiles.VersionsAsync("ABUSE-CSRF-002", Token)));
        // Both are still signed in: the forged sign-out did nothing.
        Assert.Equal(HttpStatusCode.OK, (await targeter.GetAsync("/api/v1/session", Token)).StatusCode);
    }

    [Fact]
    public async Task The_token_of_another_session_does_not_pass()
    {
        using var victim = await SignedInAsync("analyst");
        using var attacker = await SignedInAsync("analyst");
        var attackersToken = await CsrfTokenAsync(attacker);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/profiles")
        {
            Content = ServerFixture.Json("""{"id":"ABUSE-CSRF-003","name":"Forged","category":"narcotics","criteria":"mode == \"Sea\"","weight":10,"action":"yellow-lane"}"""),
        };
        request.Headers.Add("X-CSRF-TOKEN", attackersToken);
        using var response = await victim.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await server.UseStoreAsync(a => a.Store.Profiles.VersionsAsync("ABUSE-CSRF-003", Token)));
        // With its own token the same call is taken: the refusal was the token, nothing else.
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/v1/profiles")
        {
            Content = ServerFixture.Json("""{"id":"ABUSE-CSRF-003","name":"Own","category":"narcotics","criteria":"mode == \"Sea\"","weight":10,"action":"yellow-lane"}"""),
        };
        own.Headers.Add("X-CSRF-TOKEN", await CsrfTokenAsync(victim));
        Assert.Equal(HttpStatusCode.Created, (await victim.SendAsync(own, Token)).StatusCode);
    }

    [Fact]
    public async Task A_page_form_posted_without_its_antiforgery_token_is_400_and_changes_nothing()
    {
        using var targeter = await SignedInAsync("targeter");
        var document = "MasterAirWaybill:" + RedMessages.Awb(3_800_002);
        using (var postnl = server.As("postnl"))
        {
            Assert.Equal(HttpStatusCode.Created, (await postnl.PostAsync("/api/v1/messages", new ByteArrayContent(RedMessages.Waybill(3_800_002, listed: false)), Token)).StatusCode);
        }
        // The forms a page on another site could post: the decision panel and sign-out.
        using var decision = await targeter.PostAsync("/consignments/" + Uri.EscapeDataString(document), new FormUrlEncodedContent([new("action", "release"), new("comment", "forged")]), Token);
        Assert.Equal(HttpStatusCode.BadRequest, decision.StatusCode);
        using var signOut = await targeter.PostAsync("/signout", new FormUrlEncodedContent([]), Token);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Empty((await server.UseStoreAsync(a => a.Consignments.DetailAsync(document, Token)))!.Decisions);
        Assert.Equal(HttpStatusCode.OK, (await targeter.GetAsync("/api/v1/session", Token)).StatusCode);
    }
}
