using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpenCts.Application.Users;

namespace OpenCts.Server.Tests.Abuse;

/// <summary>Unauthenticated calls and role escalation: no role below admin grants a role, replaces another's credential, or approves its own profile.</summary>
[Collection(ServerCollection.Name)]
public sealed class EscalationTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> NotAdmins() => ["ana", "tom", "sue", "eve", "postnl", "aud"];

    [Theory]
    [MemberData(nameof(NotAdmins))]
    public async Task A_role_below_admin_cannot_create_an_admin_nor_reset_or_disable_anyone(string name)
    {
        using var client = server.As(name);
        var self = name;
        var keyBefore = (await server.UseStoreAsync(a => a.Users.FindAsync(name, Token)))!.ApiKeyId;
        var attempts = new (string Url, HttpContent? Body)[]
        {
            ("/api/v1/users", ServerFixture.Json($$"""{"name":"{{name}}-admin","role":"admin","apiKey":true}""")),
            ($"/api/v1/users/{self}/reset", null),
            ("/api/v1/users/root/reset", null),
            ("/api/v1/users/root/disable", null),
        };
        foreach (var (url, body) in attempts)
        {
            using var response = await client.PostAsync(url, body, Token);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.Null(await server.UseStoreAsync(a => a.Users.FindAsync(name + "-admin", Token)));
        var root = await server.UseStoreAsync(a => a.Users.FindAsync("root", Token));
        Assert.False(root!.Disabled);
        Assert.Equal(Roles.Admin, root.Role);
        // The caller's own key was not replaced either.
        Assert.Equal(keyBefore, (await server.UseStoreAsync(a => a.Users.FindAsync(name, Token)))!.ApiKeyId);
    }

    [Fact]
    public async Task A_password_change_that_also_sends_a_role_changes_only_the_password()
    {
        var name = "esc-" + Guid.NewGuid().ToString("N")[..8];
        // Not an examiner: examinations go to the examiner with the fewest open ones, and the shared server's tests expect eve.
        var password = (await server.UseStoreAsync(a => a.Users.AddAsync(name, Roles.Analyst, apiKey: false, "test", Token))).Secret;
        using var browser = server.WithCookies();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/v1/session", ServerFixture.Json(JsonSerializer.Serialize(new { name, password })), Token)).StatusCode);
        var session = await browser.GetFromJsonAsync<JsonElement>("/api/v1/session", Token);
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("csrfToken").GetString());
        using var changed = await browser.PostAsync("/api/v1/session/password", ServerFixture.Json(JsonSerializer.Serialize(new { password, newPassword = "a much longer password", role = "admin", name = "root" })), Token);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(Roles.Analyst, (await server.UseStoreAsync(a => a.Users.FindAsync(name, Token)))!.Role);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/v1/users", Token)).StatusCode);
        // root's password was not the one changed.
        using var ops = server.WithCookies();
        Assert.Equal(HttpStatusCode.Unauthorized, (await ops.PostAsync("/api/v1/session", ServerFixture.Json("""{"name":"root","password":"a much longer password"}"""), Token)).StatusCode);
    }

    [Fact]
    public async Task An_analyst_cannot_approve_its_own_profile_nor_a_supervisor_their_own()
    {
        using var ana = server.As("ana");
        using var sue = server.As("sue");
        const string Id = "ABUSE-OWN-001";
        using (var created = await ana.PostAsync("/api/v1/profiles", ServerFixture.Json("""{"id":"ABUSE-OWN-001","name":"Own approval","category":"narcotics","criteria":"mode == \"Sea\" and consignee.eori == null and any goods: goods.grossMass > 999999","weight":10,"action":"yellow-lane"}"""), Token))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await ana.PostAsync($"/api/v1/profiles/{Id}/submit", null, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.PostAsync($"/api/v1/profiles/{Id}/approve", null, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.PostAsync($"/api/v1/profiles/{Id}/retire", null, Token)).StatusCode);
        // A supervisor may approve, but never a profile of their own.
        const string Own = "ABUSE-OWN-002";
        using (var created = await sue.PostAsync("/api/v1/profiles", ServerFixture.Json("""{"id":"ABUSE-OWN-002","name":"Own approval","category":"narcotics","criteria":"mode == \"Sea\" and any goods: goods.grossMass > 999999","weight":90,"action":"red-lane"}"""), Token))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await sue.PostAsync($"/api/v1/profiles/{Own}/submit", null, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await sue.PostAsync($"/api/v1/profiles/{Own}/approve", null, Token)).StatusCode);
        Assert.DoesNotContain((await sue.GetFromJsonAsync<JsonElement>($"/api/v1/profiles/{Own}", Token)).EnumerateArray(), v => v.GetProperty("status").GetString() == "active");
        var versions = await sue.GetFromJsonAsync<JsonElement>($"/api/v1/profiles/{Id}", Token);
        Assert.DoesNotContain(versions.EnumerateArray(), v => v.GetProperty("status").GetString() == "active");
    }

    [Theory]
    [InlineData("Bearer cts_0000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Bearer ' OR 1=1 --")]
    [InlineData("Bearer ")]
    [InlineData("Basic cm9vdDpyb290")]
    public async Task A_forged_or_malformed_credential_is_401_on_every_kind_of_endpoint(string authorization)
    {
        foreach (var url in new[] { "/api/v1/users", "/api/v1/consignments", "/api/v1/audit", "/api/v1/profiles" })
        {
            using var client = server.Anonymous();
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
            using var response = await client.GetAsync(url, Token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_forged_session_cookie_is_not_a_session()
    {
        using var client = server.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", "cts.session=CfDJ8forged-cookie-value-that-was-never-issued");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/users", Token)).StatusCode);
        using var page = await client.GetAsync("/worklist", Token);
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task An_unauthenticated_visitor_gets_no_page_content()
    {
        using var anonymous = server.Anonymous();
        foreach (var path in new[] { "/worklist", "/consignments/MasterAirWaybill:160-12345675", "/admin", "/profiles", "/approvals", "/dashboard", "/examinations", "/watchlists" })
        {
            using var response = await anonymous.GetAsync(path, Token);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.Unauthorized, $"{path}: {response.StatusCode}");
            if (response.Headers.Location is { } location)
            {
                Assert.StartsWith("/signin", location.OriginalString.Replace("http://" + server.BaseAddress.Authority, "", StringComparison.Ordinal), StringComparison.Ordinal);
            }
        }
    }
}
