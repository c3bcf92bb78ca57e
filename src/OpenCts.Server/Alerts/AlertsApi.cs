using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenCts.Application;
using OpenCts.Application.Alerts;
using OpenCts.Server.Auth;
using OpenCts.Server.Common;
using OpenCts.Server.Consignments;

namespace OpenCts.Server.Alerts;

/// <summary><c>GET /api/v1/alerts</c>: server-sent events, one <c>alert</c> event per new red-lane consignment.</summary>
public static class AlertsApi
{
    /// <summary>What an alert event carries.</summary>
    /// <remarks><c>hoursToArrival</c> counts from when the alert is sent; officers work alerts soonest first.</remarks>
    public sealed record AlertView(string Document, int Version, string Lane, double Score, DateTimeOffset AssessedAt, DateTimeOffset RaisedAt, IReadOnlyList<ReasonView> Reasons, string? Port, DateTimeOffset? EstimatedArrival, double? HoursToArrival);

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/alerts", StreamAsync)
            .RequireAuthorization(Policies.WatchAlerts)
            .WithTags("Alerts")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithSummary("Server-sent events: each event is `event: alert` with the assessment, port, estimated arrival and hours to arrival as JSON data; only the alerts matching the caller's subscriptions (all when it has none).");
        return app;
    }

    // Written by hand rather than through Results.ServerSentEvents, whose wire format for typed items has changed between versions.
    private static async Task StreamAsync(HttpContext context, CtsApplication application, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime)
    {
        using var subscription = application.Alerts.Subscribe();
        // The subscriptions in force when the stream opens; a client reconnects to take a change.
        var wanted = await application.Subscriptions.ForAsync(CtsPrincipal.NameOf(context.User), context.User.FindFirstValue(ClaimTypes.Role) ?? "", context.RequestAborted).ConfigureAwait(false);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        // The stream ends when the client goes away or the server stops, so that stopping does not wait for every watcher.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = ending.Token;
        // A comment line first, so a client sees the stream open before the first alert.
        await response.WriteAsync(": alerts\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var alert in subscription.Alerts.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!AlertSubscriptions.Wants(wanted, alert))
                {
                    continue;
                }
                var a = alert.Assessment;
                double? hours = alert.EstimatedArrival is { } arrival ? Math.Round((arrival - application.Store.Clock.GetUtcNow()).TotalHours, 2) : null;
                var view = new AlertView(a.DocumentKey, a.ConsignmentVersion, ConsignmentViews.LaneName(a.Lane), a.Score, a.AssessedAt, alert.RaisedAt, [.. a.Reasons.Select(ReasonView.Of)], alert.Port, alert.EstimatedArrival, hours);
                var data = JsonSerializer.Serialize(view, json.Value.SerializerOptions);
                await response.WriteAsync(new StringBuilder("event: alert\ndata: ").Append(data).Append("\n\n").ToString(), cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away, or the server is stopping.
        }
    }
}
