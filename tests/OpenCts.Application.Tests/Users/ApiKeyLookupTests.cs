using OpenCts.Application.Users;
using OpenCts.Storage.Users;

namespace OpenCts.Application.Tests.Users;

/// <summary>An API key's account is looked up once a second at most, and a change to the account still takes effect: at once through the same application, within the cache's lifetime through another.</summary>
public sealed class ApiKeyLookupTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_just_used_is_refused_at_once_when_its_account_is_disabled_or_its_key_reset_through_the_same_application()
    {
        await using var test = new TestApplication();
        var users = test.Application.Users;
        var carrier = (await users.AddAsync("carrier", Roles.Submitter, apiKey: true, "test", Token)).Secret;
        var other = (await users.AddAsync("other", Roles.Submitter, apiKey: true, "test", Token)).Secret;
        Assert.Equal("carrier", (await users.AuthenticateApiKeyAsync(carrier, Token))?.Name);
        Assert.Equal("other", (await users.AuthenticateApiKeyAsync(other, Token))?.Name);

        await users.DisableAsync("carrier", "admin", Token);
        var replaced = (await users.ResetAsync("other", "admin", Token)).Secret;

        Assert.Null(await users.AuthenticateApiKeyAsync(carrier, Token));
        Assert.Null(await users.AuthenticateApiKeyAsync(other, Token));
        Assert.Equal("other", (await users.AuthenticateApiKeyAsync(replaced, Token))?.Name);
    }

    [Fact]
    public async Task A_key_with_a_wrong_secret_is_refused_even_while_its_account_is_remembered()
    {
        await using var test = new TestApplication();
        var users = test.Application.Users;
        var key = (await users.AddAsync("carrier", Roles.Submitter, apiKey: true, "test", Token)).Secret;
        Assert.NotNull(await users.AuthenticateApiKeyAsync(key, Token));

        var forged = key[..^4] + (key[^4..] == "AAAA" ? "BBBB" : "AAAA");

        Assert.Null(await users.AuthenticateApiKeyAsync(forged, Token));
        Assert.NotNull(await users.AuthenticateApiKeyAsync(key, Token));
    }

    [Fact]
    public async Task An_account_disabled_by_another_application_of_the_same_store_is_refused_here_within_the_lookup_lifetime()
    {
        await using var test = new TestApplication();
        var here = test.Application.Users;
        var key = (await here.AddAsync("carrier", Roles.Submitter, apiKey: true, "test", Token)).Secret;
        Assert.NotNull(await here.AuthenticateApiKeyAsync(key, Token));

        // Another server, or cts users, on the same store.
        var elsewhere = new CtsApplication(test.Store).Users;
        await elsewhere.DisableAsync("carrier", "admin", Token);

        var deadline = DateTime.UtcNow + UserAccounts.ApiKeyLookupLifetime + TimeSpan.FromSeconds(2);
        UserAccount? seen;
        do
        {
            await Task.Delay(100, Token);
            seen = await here.AuthenticateApiKeyAsync(key, Token);
        }
        while (seen is not null && DateTime.UtcNow < deadline);
        Assert.Null(seen);
    }
}
