using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenCts.Application;
using OpenCts.Application.Assessing;
using OpenCts.Application.Users;
using OpenCts.Storage.Sqlite;
using OpenCts.Tests.Shared;

namespace OpenCts.Server.Tests;

/// <summary>One server on a free loopback port over a real store in a fresh folder, with the samples loaded and assessed, and one API key per role.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    /// <summary>The users made, by name: one per role, a second supervisor and a second submitter.</summary>
    public static readonly (string Name, string Role)[] People =
    [
        ("ana", Roles.Analyst),
        ("tom", Roles.Targeter),
        ("sue", Roles.Supervisor),
        ("sam", Roles.Supervisor),
        ("eve", Roles.Examiner),
        ("postnl", Roles.Submitter),
        ("dhl", Roles.Submitter),
        ("aud", Roles.Auditor),
        ("root", Roles.Admin),
    ];

    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "opencts-server-tests", Guid.NewGuid().ToString("N"));

    public SqliteStore Store { get; private set; } = null!;

    public CtsApplication Application { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The password of <c>ops</c>, an admin that signs in with a cookie.</summary>
    public string OpsPassword { get; private set; } = "";

    public static string Sample(params string[] parts) => Path.Combine([RepositoryData.RepositoryRoot, "samples", .. parts]);

    public async ValueTask InitializeAsync()
    {
        Store = SqliteStore.Open(Directory, SqliteLedgerJournal.Instance);
        Application = new CtsApplication(Store);
        await Application.Bundles.LoadAsync([Sample()], null, CancellationToken.None);
        await Application.Assessment.AssessPendingAsync(new AssessOptions(), null, CancellationToken.None);
        foreach (var (name, role) in People)
        {
            _keys[name] = (await Application.Users.AddAsync(name, role, apiKey: true, "test", CancellationToken.None)).Secret;
        }
        OpsPassword = (await Application.Users.AddAsync("ops", Roles.Admin, apiKey: false, "test", CancellationToken.None)).Secret;
        // Refreshing the watch lists asks a closed local port, never the publishers.
        App = CtsServer.Build(new CtsServerOptions { Application = Application, Urls = ["http://127.0.0.1:0"], RequestsPerWindow = 1_000_000, SignInsPerWindow = 1000,
            WatchlistSources = [new Uri("http://127.0.0.1:9/sdn.csv")],
            WebhookSchedule = new Application.Referrals.WebhookSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), 3), WebhookPoll = TimeSpan.FromMilliseconds(100) });
        await App.StartAsync();
        BaseAddress = new Uri(CtsServer.Addresses(App)[0]);
    }

    /// <summary>Adds a user with an API key, for a test that needs one of its own.</summary>
    public async Task AddPersonAsync(string name, string role)
    {
        var key = (await UseStoreAsync(a => a.Users.AddAsync(name, role, apiKey: true, "test", CancellationToken.None))).Secret;
        lock (_keys)
        {
            _keys[name] = key;
        }
    }

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client that sends the API key of a user of <see cref="People"/>.</summary>
    public HttpClient As(string name)
    {
        var client = Anonymous();
        string key;
        lock (_keys)
        {
            key = _keys[name];
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A client keeping cookies, for people who sign in.</summary>
    public HttpClient WithCookies() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };

    /// <summary>Runs work on the store beside the running server, as a request does: the store takes concurrent readers and writers.</summary>
    public Task<T> UseStoreAsync<T>(Func<CtsApplication, Task<T>> work) => work(Application);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
