using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace OpenCts.Server.Web;

/// <summary>The officers' pages: Razor Pages rendered on the server, with their scripts, styles and vendored libraries embedded in the assembly.</summary>
/// <remarks>
/// Every page names its policy with <c>[Authorize]</c> on its model; a page without one falls to the policy that denies everybody.
/// Forms carry an antiforgery token, which Razor Pages checks on every POST.
/// </remarks>
internal static class WebSetup
{
    public const string SignInPath = "/signin";

    public static IServiceCollection AddCtsWeb(this IServiceCollection services)
    {
        services.AddRazorPages();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "cts.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = CsrfHeader.Name;
        });
        return services;
    }

    public static WebApplication UseCtsAssets(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new ManifestEmbeddedFileProvider(typeof(WebSetup).Assembly, "wwwroot"),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }

    /// <summary>Whether a request is for the API (answered 401/403) rather than a page (sent to the sign-in page).</summary>
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi") || request.Path.StartsWithSegments("/metrics");
}
