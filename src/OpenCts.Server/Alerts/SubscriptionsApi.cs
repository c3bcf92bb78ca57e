using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Server.Auth;
using OpenCts.Storage.Subscriptions;

namespace OpenCts.Server.Alerts;

/// <summary>Alert subscriptions (<c>/api/v1/subscriptions</c>): which red-lane alerts the alert stream sends to whom.</summary>
public static class SubscriptionsApi
{
    /// <summary>A subscription: any of a threat category, a port (UN/LOCODE of discharge) and a profile id; with <c>group</c> (a role), for a whole group.</summary>
    public sealed record SubscriptionRequest(string? Category, string? Port, string? Profile, string? Group);

    /// <summary>A subscription in force.</summary>
    public sealed record SubscriptionView(long Id, string? User, string? Group, string? Category, string? Port, string? Profile, string CreatedBy, DateTimeOffset CreatedAt)
    {
        public static SubscriptionView Of(Subscription s) => new(s.Id, s.User, s.Group, s.Category, s.Port, s.Profile, s.CreatedBy, s.CreatedAt);
    }

    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/subscriptions").WithTags("Alerts");
        group.MapGet("", ListAsync).RequireAuthorization(Policies.WatchAlerts)
            .WithSummary("The subscriptions that apply to the caller: its own and its group's. With none, the alert stream sends every red-lane alert.");
        group.MapPost("", AddAsync).RequireAuthorization(Policies.ManageSubscriptions)
            .WithSummary("Subscribes the caller (or, for a supervisor, a group named by its role) to the red-lane alerts of a threat category, a port of discharge and a profile; each given criterion must match.");
        group.MapDelete("/{id:long}", RemoveAsync).RequireAuthorization(Policies.ManageSubscriptions)
            .WithSummary("Removes a subscription of the caller's own (a supervisor also a group's).");
        return app;
    }

    private static string RoleOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";

    private static async Task<Ok<IReadOnlyList<SubscriptionView>>> ListAsync(CtsApplication application, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<SubscriptionView>>([.. (await application.Subscriptions.ForAsync(CtsPrincipal.NameOf(context.User), RoleOf(context.User), cancellationToken).ConfigureAwait(false)).Select(SubscriptionView.Of)]);

    private static async Task<Created<SubscriptionView>> AddAsync(CtsApplication application, HttpContext context, SubscriptionRequest request, CancellationToken cancellationToken)
    {
        var subscription = await application.Subscriptions.AddAsync(CtsPrincipal.NameOf(context.User), RoleOf(context.User), request.Group, request.Category, request.Port, request.Profile, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/subscriptions/{subscription.Id}", SubscriptionView.Of(subscription));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(CtsApplication application, HttpContext context, long id, CancellationToken cancellationToken) =>
        await application.Subscriptions.RemoveAsync(id, CtsPrincipal.NameOf(context.User), RoleOf(context.User), cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such subscription", detail: $"no subscription {id} in force is yours to remove");
}
