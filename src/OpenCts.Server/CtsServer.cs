using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenCts.Server.Alerts;
using OpenCts.Server.Auth;
using OpenCts.Server.Commerce;
using OpenCts.Server.Common;
using OpenCts.Server.Consignments;
using OpenCts.Server.Examinations;
using OpenCts.Server.Health;
using OpenCts.Server.Lists;
using OpenCts.Server.Messages;
using OpenCts.Server.Offices;
using OpenCts.Server.Profiles;
using OpenCts.Server.Referrals;
using OpenCts.Server.Reports;
using OpenCts.Server.Users;
using OpenCts.Server.Watchlists;
using OpenCts.Server.Web;
using Scalar.AspNetCore;

namespace OpenCts.Server;

/// <summary>Builds the OpenCTS server: the REST API over an application core, with its OpenAPI document, Scalar reference, health and metrics.</summary>
/// <remarks>
/// Hosts (<c>cts serve</c>, tests) build it, then run or start it. Every endpoint is denied unless its feature names a policy;
/// <c>/healthz</c>, <c>/metrics</c>, the OpenAPI document, the reference and sign-in are open.
/// </remarks>
public static class CtsServer
{
    public static WebApplication Build(CtsServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(CtsServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().UseUrls([.. options.Urls]);
        builder.Logging.SetMinimumLevel(options.LogLevel);
        // Linux has no key encryptor by default; the keys live in the data folder, which holds the store in clear as well.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        var services = builder.Services;
        services.AddSingleton(options.Application);
        services.AddSingleton<IntakeSignal>();
        services.AddSingleton<ServerMetrics>();
        // With a pipeline, workers assess what the intake queues and the host relays their alerts to the feed.
        if (options.Application.Queue is null)
        {
            services.AddHostedService<AssessmentService>();
        }
        services.AddSingleton(options);
        services.AddHostedService<WatchlistRefreshService>();
        services.AddHostedService<WebhookDeliveryService>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiProblems>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
        });
        // Session cookies stay valid across restarts: the keys that protect them are kept beside the store.
        services.AddDataProtection().SetApplicationName("OpenCTS").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.Application.Store.DataDirectory, "keys", "data-protection")));
        services.AddCtsAuth();
        services.AddCtsWeb();
        services.AddCtsRateLimits(options);
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiSecurity>());

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimits>();
        app.UseCtsAssets();
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            context.RequestServices.GetRequiredService<ServerMetrics>().Request(context.Request.Method, context.Response.StatusCode);
        });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<AuditMiddleware>();
        app.UseMiddleware<CsrfHeader>();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("OpenCTS API").DisableDefaultFonts()).AllowAnonymous();
        app.MapHealthApi();
        app.MapSessionApi();
        app.MapMessagesApi();
        app.MapConsignmentsApi();
        app.MapEntitiesApi();
        app.MapPlatformOrdersApi();
        app.MapExaminationsApi();
        app.MapAlertsApi();
        app.MapSubscriptionsApi();
        app.MapCallbacksApi();
        app.MapOfficesApi();
        app.MapProfilesApi();
        app.MapReportsApi();
        app.MapUsersApi();
        app.MapWatchlistsApi();
        app.MapRazorPages();
        return app;
    }

    /// <summary>The addresses the server listens on once started (with the port picked when 0 was asked for).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        [.. app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? []];
}
