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
        await SendAntiforgeryTokenAsync(browser);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync("/api/v1/session", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/users", Token)).StatusCode);
    }

    [Fact]
    public async Task AChangeSignedInByCookieWithoutTheAntiforgeryTokenIsRefused()
    {
        using var browser = server.WithCookies();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/v1/session", ServerFixture.Json($$"""{"name":"ops","password":"{{server.OpsPassword}}"}"""), Token)).StatusCode);
        // What a page on another site could make the browser send: the cookie, but not the token.
        using var forged = await browser.PostAsync("/api/v1/users", ServerFixture.Json("""{"name":"intruder","role":"admin"}"""), Token);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("antiforgery", await forged.Content.ReadAsStringAsync(Token), StringComparison.OrdinalIgnoreCase);
        Assert.Null(await server.UseStoreAsync(a => a.Users.FindAsync("intruder", Token)));
    }

    /// <summary>What the pages' scripts do: read the antiforgery token of the session and send it with every change.</summary>
    private static async Task SendAntiforgeryTokenAsync(HttpClient browser)
    {
        var session = await browser.GetFromJsonAsync<JsonElement>("/api/v1/session", Token);
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("csrfToken").GetString());
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
        await SendAntiforgeryTokenAsync(browser);
        var tooShort = await browser.PostAsync("/api/v1/session/password", ServerFixture.Json($$"""{"password":"{{once}}","newPassword":"short"}"""), Token);
        Assert.Equal("newPassword", (await tooShort.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/v1/session/password", ServerFixture.Json($$"""{"password":"{{once}}","newPassword":"correct horse battery"}"""), Token)).StatusCode);
        using var again = server.WithCookies();
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.PostAsync("/api/v1/session", ServerFixture.Json($$"""{"name":"{{name}}","password":"{{once}}"}"""), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.PostAsync("/api/v1/session", ServerFixture.Json($$"""{"name":"{{name}}","password":"correct horse battery"}"""), Token)).StatusCode);
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

    [Fact]
    public async Task The_metrics_count_the_runtimes_collections_allocations_and_compilation_and_only_ever_grow()
    {
        using var anonymous = server.Anonymous();
        var before = Counters(await anonymous.GetStringAsync("/metrics", Token));
        GC.Collect(0);
        var after = Counters(await anonymous.GetStringAsync("/metrics", Token));
        Assert.True(after["dotnet_gc_collections_total{generation=\"0\"}"] > before["dotnet_gc_collections_total{generation=\"0\"}"]);
        Assert.True(after["dotnet_gc_allocated_bytes_total"] > before["dotnet_gc_allocated_bytes_total"]);
        Assert.True(after["dotnet_jit_methods_total"] >= before["dotnet_jit_methods_total"] && before["dotnet_jit_methods_total"] > 0);
        Assert.True(after["dotnet_gc_pause_seconds_total"] >= before["dotnet_gc_pause_seconds_total"]);
        Assert.InRange(after["dotnet_gc_concurrent"], 0, 1);
        Assert.True(after["process_working_set_bytes"] > 0 && after["dotnet_gc_heap_bytes"] > 0);
    }

    private static Dictionary<string, double> Counters(string exposition) =>
        exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
