using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenCts.Application;
using OpenCts.Application.Users;
using OpenCts.Storage.Sqlite;

namespace OpenCts.Server.Tests.Abuse;

/// <summary>API-key and password guessing: the rate limiter answers 429, and a name that fails too often is locked for a period, audited, even with the right password.</summary>
/// <remarks>A server of its own: small limits, and a store clock the test moves past the lock-out period.</remarks>
public sealed class BruteForceTests : IAsyncLifetime
{
    private const int RequestsPerWindow = 20;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "opencts-server-tests", Guid.NewGuid().ToString("N"));
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private SqliteStore _store = null!;
    private CtsApplication _application = null!;
    private WebApplication _app = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = SqliteStore.Open(_directory, SqliteLedgerJournal.Instance, _clock);
        _application = new CtsApplication(_store);
        _app = CtsServer.Build(new CtsServerOptions { Application = _application, Urls = ["http://127.0.0.1:0"], RequestsPerWindow = RequestsPerWindow, SignInsPerWindow = 1000, RateWindow = TimeSpan.FromMinutes(10) });
        await _app.StartAsync();
    }

    private HttpClient Client(string? authorization = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(CtsServer.Addresses(_app)[0]) };
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }
        return client;
    }

    private Task<T> UseStoreAsync<T>(Func<CtsApplication, Task<T>> work) => work(_application);

    private Task<HttpResponseMessage> SignInAsync(HttpClient client, string name, string password) =>
        client.PostAsync("/api/v1/session", ServerFixture.Json(JsonSerializer.Serialize(new { name, password })), Token);

    [Fact]
    public async Task Guessing_api_keys_from_one_address_meets_429_and_a_real_key_keeps_working()
    {
        var real = (await UseStoreAsync(a => a.Users.AddAsync("auditor1", Roles.Auditor, apiKey: true, "test", Token))).Secret;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RequestsPerWindow + 4; i++)
        {
            // Well-formed keys with made-up ids, and malformed ones: both count against the caller's address.
            var guess = i % 2 == 0 ? $"Bearer cts_{i:x16}.{new string('A', 43)}" : $"Bearer guess-{i}";
            using var client = Client(guess);
            using var response = await client.GetAsync("/api/v1/users", Token);
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses.Take(RequestsPerWindow), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(RequestsPerWindow), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        using var auditor = Client("Bearer " + real);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/v1/consignments", Token)).StatusCode);
    }

    [Fact]
    public async Task After_repeated_failures_a_name_is_locked_even_with_the_right_password_audited_once_and_free_again_after_the_period()
    {
        var password = (await UseStoreAsync(a => a.Users.AddAsync("victim", Roles.Targeter, apiKey: false, "test", Token))).Secret;
        using var client = Client();
        for (var i = 0; i < UserAccounts.MaxFailures; i++)
        {
            using var wrong = await SignInAsync(client, "victim", "guess-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using (var locked = await SignInAsync(client, "victim", password))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        }
        // Still locked just before the period ends, free just after it.
        _clock.Advance(UserAccounts.LockOut - TimeSpan.FromSeconds(1));
        using (var stillLocked = await SignInAsync(client, "victim", password))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, stillLocked.StatusCode);
        }
        var audit = await UseStoreAsync(a => a.Audit.LatestAsync(100, Token));
        var lockOut = Assert.Single(audit, e => e.Action == Auth.SignInAttempts.LockOutAction);
        Assert.Equal("user=victim", lockOut.Target);
        Assert.Contains("5 failed sign-ins", lockOut.Outcome, StringComparison.Ordinal);
        var refused = audit.Count(e => e.Action.StartsWith("POST /api/v1/session", StringComparison.Ordinal) && e.Outcome == "401");
        Assert.True(refused >= UserAccounts.MaxFailures + 2, string.Join("\n", audit.Select(e => $"{e.Actor} {e.Action} {e.Target} {e.Outcome}")));

        _clock.Advance(TimeSpan.FromSeconds(2));
        using var free = await SignInAsync(client, "victim", password);
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
    }

    [Fact]
    public async Task A_name_that_does_not_exist_locks_the_same_way_so_guessing_tells_nothing_about_which_names_exist()
    {
        await UseStoreAsync(a => a.Users.AddAsync("realname", Roles.Analyst, apiKey: false, "test", Token));
        using var client = Client();
        var answers = new List<string>();
        foreach (var name in new[] { "realname", "ghostname" })
        {
            for (var i = 0; i <= UserAccounts.MaxFailures; i++)
            {
                using var response = await SignInAsync(client, name, "wrong");
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                answers.Add(await response.Content.ReadAsStringAsync(Token));
            }
        }
        Assert.Single(answers.Select(a => JsonDocument.Parse(a).RootElement.GetProperty("detail").GetString()).Distinct());
        var audit = await UseStoreAsync(a => a.Audit.LatestAsync(100, Token));
        Assert.Contains(audit, e => e.Action == Auth.SignInAttempts.LockOutAction && e.Target == "user=ghostname");
    }

    [Fact]
    public async Task The_lock_out_also_guards_the_password_change_of_a_stolen_session()
    {
        var password = (await UseStoreAsync(a => a.Users.AddAsync("changer", Roles.Examiner, apiKey: false, "test", Token))).Secret;
        var handler = new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = new Uri(CtsServer.Addresses(_app)[0]) };
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(browser, "changer", password)).StatusCode);
        var session = JsonDocument.Parse(await browser.GetStringAsync("/api/v1/session", Token)).RootElement;
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("csrfToken").GetString());
        // Someone holding the session guesses the current password to set one of their own.
        for (var i = 0; i < UserAccounts.MaxFailures; i++)
        {
            using var guess = await browser.PostAsync("/api/v1/session/password", ServerFixture.Json(JsonSerializer.Serialize(new { password = "guess-" + i, newPassword = "attacker chosen password" })), Token);
            Assert.Equal(HttpStatusCode.BadRequest, guess.StatusCode);
        }
        using var right = await browser.PostAsync("/api/v1/session/password", ServerFixture.Json(JsonSerializer.Serialize(new { password, newPassword = "attacker chosen password" })), Token);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        var account = await UseStoreAsync(a => a.Users.FindAsync("changer", Token));
        Assert.False(Application.Users.Credentials.VerifyPassword("attacker chosen password", account!.PasswordHash!));
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

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
