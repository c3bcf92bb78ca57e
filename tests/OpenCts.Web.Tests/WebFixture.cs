using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using OpenCts.Application;
using OpenCts.Application.Assessing;
using OpenCts.Application.Users;
using OpenCts.Server;
using OpenCts.Storage.Sqlite;
using OpenCts.Tests.Shared;

namespace OpenCts.Web.Tests;

/// <summary>
/// One server on a free loopback port over a real store with the samples loaded and assessed, people who sign in with passwords,
/// machine clients with API keys, and one headless chromium.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    /// <summary>The people made, by name, with their roles; each signs in with a password.</summary>
    public static readonly (string Name, string Role)[] People =
    [
        ("ana", Roles.Analyst),
        ("tom", Roles.Targeter),
        ("sue", Roles.Supervisor),
        ("sam", Roles.Supervisor),
        ("eve", Roles.Examiner),
        ("aud", Roles.Auditor),
        ("root", Roles.Admin),
        ("pat", Roles.Submitter),
    ];

    private const string Chromium = "/usr/bin/chromium";

    private readonly Dictionary<string, string> _passwords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private IPlaywright? _playwright;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "opencts-web-tests", Guid.NewGuid().ToString("N"));

    public SqliteStore Store { get; private set; } = null!;

    public CtsApplication Application { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots of the pages are kept as test artefacts.</summary>
    public static string Screenshots { get; } = Path.Combine(RepositoryData.RepositoryRoot, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        Store = SqliteStore.Open(Directory, SqliteLedgerJournal.Instance);
        Application = new CtsApplication(Store);
        await Application.Bundles.LoadAsync([Path.Combine(RepositoryData.RepositoryRoot, "samples")], null, CancellationToken.None);
        await Application.Assessment.AssessPendingAsync(new AssessOptions(), null, CancellationToken.None);
        foreach (var (name, role) in People)
        {
            _passwords[name] = (await Application.Users.AddAsync(name, role, apiKey: false, "test", CancellationToken.None)).Secret;
        }
        _keys["carrier"] = (await Application.Users.AddAsync("carrier", Roles.Submitter, apiKey: true, "test", CancellationToken.None)).Secret;
        App = CtsServer.Build(new CtsServerOptions { Application = Application, Urls = ["http://127.0.0.1:0"], RequestsPerWindow = 1_000_000, SignInsPerWindow = 1000 });
        await App.StartAsync();
        BaseAddress = new Uri(CtsServer.Addresses(App)[0]);
        System.IO.Directory.CreateDirectory(Screenshots);
        DebianPackages.Ensure("chromium", () => File.Exists(Chromium), "the browser the page tests drive (" + Chromium + ")");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Args = ["--no-sandbox"],
            Headless = true,
        });
    }

    public string PasswordOf(string name) => _passwords[name];

    /// <summary>A client of the API with the submitter's API key, as a carrier's system would call.</summary>
    public HttpClient Carrier()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _keys["carrier"]);
        return client;
    }

    /// <summary>
    /// A fresh browser context whose every request to another host is blocked and recorded, so a test can prove that nothing left localhost.
    /// </summary>
    public async Task<BrowserSession> OpenAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString().TrimEnd('/'), ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var session = new BrowserSession(context, await context.NewPageAsync());
        await context.RouteAsync("**/*", async route =>
        {
            var host = new Uri(route.Request.Url).Host;
            if (host is "127.0.0.1" or "localhost")
            {
                await route.ContinueAsync();
            }
            else
            {
                session.Blocked.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        return session;
    }

    /// <summary>A browser signed in as one of <see cref="People"/> through the sign-in form.</summary>
    public async Task<BrowserSession> SignInAsync(string name)
    {
        var session = await OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/signin");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(PasswordOf(name));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=signed-in-as]");
        return session;
    }

    /// <summary>Keeps a full-page screenshot of what the page shows now.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
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

/// <summary>One browser context and its page, with the requests it tried to send off this machine.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    public System.Collections.Concurrent.ConcurrentBag<string> Blocked { get; } = [];

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
