using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;

namespace OpenCts.Server.Health;

/// <summary><c>/healthz</c> and <c>/metrics</c>: open to all, for probes and scrapers.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (CtsApplication application, CancellationToken cancellationToken) =>
        {
            // Reading the counts proves the store answers.
            await application.Store.Messages.CountsAsync(cancellationToken).ConfigureAwait(false);
            return TypedResults.Text("ok\n");
        }).AllowAnonymous().WithTags("Health").WithSummary("Whether the server and its store answer.");
        app.MapGet("/metrics", (ServerMetrics metrics, CtsApplication application) =>
            TypedResults.Text(metrics.Render(application.Alerts.Subscribers), "text/plain; version=0.0.4; charset=utf-8"))
            .AllowAnonymous().WithTags("Health").WithSummary("Counters in the Prometheus text format.");
        return app;
    }
}
