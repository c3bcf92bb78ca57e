using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpenCts.Application;

namespace OpenCts.Server.Auth;

/// <summary>Authenticates machine clients by <c>Authorization: Bearer &lt;api-key&gt;</c>, checked against the stored hash in fixed time.</summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CtsApplication application)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "api-key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerKey(Request.Headers.Authorization) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }
        var account = await application.Users.AuthenticateApiKeyAsync(key, Context.RequestAborted).ConfigureAwait(false);
        if (account is null)
        {
            return AuthenticateResult.Fail("the API key is not valid");
        }
        var principal = CtsPrincipal.Of(account.Name, account.Role, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
        return Task.CompletedTask;
    }

    /// <summary>The key of a <c>Bearer</c> authorization header, or null.</summary>
    public static string? BearerKey(string? header) =>
        header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
}

/// <summary>The principal of a user: its name and its one role.</summary>
public static class CtsPrincipal
{
    public static ClaimsPrincipal Of(string name, string role, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The user's name, or <c>anonymous</c>.</summary>
    public static string NameOf(ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, Name: { } name } ? name : "anonymous";
}
