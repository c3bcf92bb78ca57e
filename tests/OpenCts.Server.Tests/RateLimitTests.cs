using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using OpenCts.Application;
using OpenCts.Storage.Sqlite;

namespace OpenCts.Server.Tests;

/// <summary>Rate limits per credential, on a server of its own with small limits over an empty store.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "opencts-server-tests", Guid.NewGuid().ToString("N"));
    private SqliteStore _store = null!;
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;
    private CtsApplication _application = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = SqliteStore.Open(_directory, SqliteLedgerJournal.Instance);
        _application = new CtsApplication(_store);
        _app = CtsServer.Build(new CtsServerOptions { Application = _application, Urls = ["http://127.0.0.1:0"], RequestsPerWindow = 3, SignInsPerWindow = 2, RateWindow = TimeSpan.FromMinutes(10) });
        await _app.StartAsync();
    }

    private HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(CtsServer.Addresses(_app)[0]) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    [Fact]
    public async Task EachApiKeyHasItsOwnAllowanceAndThenGets429()
    {
        var first = (await _application.Users.AddAsync("first", "auditor", apiKey: true, "test", Token)).Secret;
        var second = (await _application.Users.AddAsync("second", "auditor", apiKey: true, "test", Token)).Secret;
        using var one = Client(first);
        using var two = Client(second);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/api/v1/users", Token)).StatusCode);
        }
        var limited = await one.GetAsync("/api/v1/users", Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync("/api/v1/users", Token)).StatusCode);
    }

    [Fact]
    public async Task SignInsAreLimitedPerAddress()
    {
        using var client = Client();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/v1/session", ServerFixture.Json("""{"name":"nobody","password":"guess"}"""), Token)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/api/v1/session", ServerFixture.Json("""{"name":"nobody","password":"guess"}"""), Token)).StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
