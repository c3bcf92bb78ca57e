using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Server.Common;

namespace OpenCts.Server.Auth;

/// <summary>Signing in and out with a name and password: <c>/api/v1/session</c>.</summary>
public static class SessionApi
{
    /// <summary>A name and password, as JSON or as a form.</summary>
    public sealed record SignIn(string? Name, string? Password);

    /// <summary>The current password and the new one.</summary>
    public sealed record PasswordChange(string? Password, string? NewPassword);

    /// <summary>Who is signed in, and the antiforgery token a cookie-authenticated client sends in <c>X-CSRF-TOKEN</c> with every change.</summary>
    public sealed record Session(string Name, string Role, string? CsrfToken = null);

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/session").WithTags("Session");
        group.MapPost("", SignInAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn)
            .DocumentsBody("A name and a password, as JSON or as a form.", ("application/json", Microsoft.OpenApi.JsonSchemaType.Object, null), ("application/x-www-form-urlencoded", Microsoft.OpenApi.JsonSchemaType.Object, null))
            .WithSummary("Signs in with a name and password and sets the session cookie.");
        group.MapGet("", (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
                TypedResults.Ok(new Session(CtsPrincipal.NameOf(context.User), context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value ?? "", antiforgery.GetAndStoreTokens(context).RequestToken)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Who is signed in, and in what role.");
        group.MapPost("/password", async (HttpContext context, CtsApplication application, PasswordChange request) =>
        {
            await application.Users.ChangePasswordAsync(CtsPrincipal.NameOf(context.User), request.Password ?? "", request.NewPassword ?? "", context.RequestAborted).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Changes the signed-in user's password, such as the one-time password it was given.");
        group.MapDelete("", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Signs out.");
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, CtsApplication application)
    {
        SignIn? request;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            request = new SignIn(form["name"], form["password"]);
        }
        else if (context.Request.HasJsonContentType())
        {
            request = await context.Request.ReadFromJsonAsync<SignIn>(context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type", detail: "send the name and password as JSON or as a form");
        }
        if (string.IsNullOrWhiteSpace(request?.Name))
        {
            return TypedResults.Problem(ApiProblems.Invalid("name", "is required"));
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem(ApiProblems.Invalid("password", "is required"));
        }
        var account = await SignInAttempts.SignInAsync(application, request.Name, request.Password, context.RequestAborted).ConfigureAwait(false);
        if (account is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "The name or password is wrong, the account is disabled, or it is locked after too many failures.");
        }
        var principal = CtsPrincipal.Of(account.Name, account.Role, CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal).ConfigureAwait(false);
        return TypedResults.Ok(new Session(account.Name, account.Role));
    }
}
