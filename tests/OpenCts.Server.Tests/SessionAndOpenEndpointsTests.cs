using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenCts.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class SessionAndOpenEndpointsTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APersonSignsInWithACookieAndOutAgain()
    {
        using var browser = server.WithCookies();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/users", Token)).StatusCode);
        var signedIn = await browser.PostAsync("/api/v1/session", ServerFixture.Json($$"""{"name":"ops","password":"{{server.OpsPassword}}"}"""), Token);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cts.session=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var users = await browser.GetFromJsonAsync<JsonElement>("/api/v1/users", Token);
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("name").GetString() == "ops");
        Assert.DoesNotContain("hash", users.GetRawText(), StringComparison.OrdinalIgnoreCase);
        // An admin manages users; it does not read consignments.
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/v1/consignments", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.DeleteAsync("/api/v1/session", Token)).StatusCode);
        await SendCsrfTokenAsync(browser);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync("/api/v1/session", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/users", Token)).StatusCode);
    }

    [Fact]
    public async Task SignInTakesAFormAsWell()
    {
        using var browser = server.WithCookies();
        var form = new FormUrlEncodedContent([new("name", "ops"), new("password", server.OpsPassword)]);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/v1/session", form, Token)).StatusCode);
        Assert.Equal("ops", (await browser.GetFromJsonAsync<JsonElement>("/api/v1/session", Token)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task APersonReplacesTheOneTimePassword()
    {
        var name = "new-" + Guid.NewGuid().ToString("N")[..8];
        var once = (await server.UseStoreAsync(a => a.Users.AddAsync(name, "analyst", apiKey: false, "test", Token))).Secret;
        using var browser = server.WithCookies();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/v1/session", ServerFixture.Json($$"""{"name":"{{name}}","password":"{{once}}"}"""), Token)).StatusCode);
        await SendCsrfTokenAsync(browser);
        var tooShort = await browser.PostAsync("/api/v1/session/password", ServerFixture.Json($$"""{"password":"{{once}}","newPassword":"short"}"""), Token);
        Assert.Equal("newPassword", (await tooShort.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/v1/session/password", ServerFixture.Json($$"""{"password":"{{once}}","newPassword":"correct horse battery"}"""), Token)).StatusCode);
        using var again = server.WithCookies();
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.PostAsync("/api/v1/session", ServerFixture.Json($$"""{"name":"{{name}}","password":"{{once}}"}"""), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.PostAsync("/api/v1/session", ServerFixture.Json($$"""{"name":"{{name}}","password":"correct horse battery"}"""), Token)).StatusCode);
    }

    /// <summary>A cookie-authenticated client sends the antiforgery token of <c>GET /api/v1/session</c> with every change, as the pages' scripts do.</summary>
    private static async Task SendCsrfTokenAsync(HttpClient browser)
    {
        var session = await browser.GetFromJsonAsync<JsonElement>("/api/v1/session", Token);
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("csrfToken").GetString());
    }

    [Fact]
    public async Task AWrongPasswordIs401AndRepeatedFailuresLockTheNameOut()
    {
        var name = "locked-" + Guid.NewGuid().ToString("N")[..8];
        var password = (await server.UseStoreAsync(a => a.Users.AddAsync(name, "auditor", apiKey: false, "test", Token))).Secret;
        using var browser = server.WithCookies();
        for (var i = 0; i < OpenCts.Application.Users.UserAccounts.MaxFailures; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/api/v1/session", ServerFixture.Json($$"""{"name":"{{name}}","password":"wrong"}"""), Token)).StatusCode);
        }
        // Locked: even the right password is refused now.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/api/v1/session", ServerFixture.Json($$"""{"name":"{{name}}","password":"{{password}}"}"""), Token)).StatusCode);
    }

    [Fact]
    public async Task HealthMetricsOpenApiAndTheReferenceAreOpen()
    {
        using var anonymous = server.Anonymous();
        Assert.Equal("ok\n", await anonymous.GetStringAsync("/healthz", Token));
        var metrics = await anonymous.GetAsync("/metrics", Token);
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE cts_http_requests_total counter", await metrics.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var openApi = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Token);
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/v1/messages", out _));
        Assert.Equal("bearer", openApi.GetProperty("components").GetProperty("securitySchemes").GetProperty("api-key").GetProperty("scheme").GetString());
        var reference = await anonymous.GetStringAsync("/scalar/", Token);
        Assert.Contains("OpenCTS API", reference, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.scalar.com", reference, StringComparison.Ordinal);
    }
}
