using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using OpenCts.Server.Auth;

namespace OpenCts.Server.Web;

/// <summary>
/// Cross-site request forgery on the API: a call that changes something and is authenticated by the session cookie
/// must carry the antiforgery token in <see cref="Name"/>, as the pages' scripts do. API keys are not sent by browsers on their own, so
/// calls with one need no token; signing in needs none either, since it carries no session yet.
/// </summary>
internal sealed class CsrfHeader(RequestDelegate next)
{
    public const string Name = "X-CSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var request = context.Request;
        if (WebSetup.IsApi(request)
            && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            && request.Cookies.ContainsKey(AuthSetup.CookieName)
            && ApiKeyAuthentication.BearerKey(request.Headers.Authorization) is null
            && !(request.Path.Equals("/api/v1/session", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(request.Method))
            && context.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme)
        {
            if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await Results.Problem(statusCode: 400, title: "Missing or invalid antiforgery token",
                    detail: $"a call signed in with the session cookie must send the token of GET /api/v1/session in the {Name} header").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
        }
        await next(context).ConfigureAwait(false);
    }
}
