using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenCts.Application;

namespace OpenCts.Server.Auth;

/// <summary>Authentication (a cookie for people, an API key for machines) and the policies, denying by default.</summary>
internal static class AuthSetup
{
    /// <summary>The scheme every endpoint uses: it forwards to the API key when a bearer token is sent, else to the cookie.</summary>
    public const string Scheme = "cts";

    public const string CookieName = "cts.session";

    public static IServiceCollection AddCtsAuth(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or API key", options =>
                options.ForwardDefaultSelector = context =>
                    ApiKeyAuthentication.BearerKey(context.Request.Headers.Authorization) is null ? CookieAuthenticationDefaults.AuthenticationScheme : ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = Web.WebSetup.SignInPath;
                // The API answers 401 and 403 and never redirects; a page sends a stranger to the sign-in page.
                options.Events.OnRedirectToLogin = context =>
                {
                    if (Web.WebSetup.IsApi(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }
                    return Task.CompletedTask;
                };
                // A signed-in user without the role gets 403 on pages too: the layout's status page says so.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                // A user disabled, or given another role, since signing in loses the session at once.
                options.Events.OnValidatePrincipal = async context =>
                {
                    var application = context.HttpContext.RequestServices.GetRequiredService<CtsApplication>();
                    var account = context.Principal?.Identity?.Name is { } name ? await application.Users.FindAsync(name, context.HttpContext.RequestAborted).ConfigureAwait(false) : null;
                    if (account is null || account.Disabled || !context.Principal!.IsInRole(account.Role))
                    {
                        context.RejectPrincipal();
                    }
                };
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().RequireAssertion(_ => false).Build())
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build());
        var builder = services.AddAuthorizationBuilder();
        foreach (var (policy, roles) in Policies.RolesOf)
        {
            builder.AddPolicy(policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(roles));
        }
        return services;
    }
}
