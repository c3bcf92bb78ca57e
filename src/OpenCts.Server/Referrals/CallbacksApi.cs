using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Application.Referrals;
using OpenCts.Server.Auth;

namespace OpenCts.Server.Referrals;

/// <summary>The callback URL of a submitter's credentials (<c>/api/v1/callbacks</c>), to which its referrals are delivered as signed webhooks.</summary>
public static class CallbacksApi
{
    /// <summary>The URL to deliver referrals to.</summary>
    public sealed record CallbackRequest(string? Url);

    /// <summary>A registered callback, with the secret its webhooks are signed with: shown once, when it is registered.</summary>
    public sealed record CallbackRegistered(string Url, string Secret, string SignatureHeader, string TimestampHeader, string Signing);

    /// <summary>One webhook delivery: pending, delivered or failed after its last attempt, with its last error.</summary>
    public sealed record DeliveryView(long Id, long Referral, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, string? LastError, DateTimeOffset? EndedAt);

    /// <summary>The callback in force and its latest deliveries.</summary>
    public sealed record CallbackView(string Url, DateTimeOffset RegisteredAt, IReadOnlyList<DeliveryView> Deliveries);

    public static IEndpointRouteBuilder MapCallbacksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/callbacks").WithTags("Callbacks").RequireAuthorization(Policies.ManageCallbacks);
        group.MapPut("", RegisterAsync)
            .WithSummary("Registers the caller's callback URL and returns a new signing secret, once. Each referral is POSTed there as JSON, signed: X-OpenCTS-Signature is sha256= and the hex HMAC-SHA256, keyed with the secret, of X-OpenCTS-Timestamp, a dot and the body; retried with exponential back-off.");
        group.MapGet("", ShowAsync).WithSummary("The caller's callback and its latest deliveries, failures included.");
        group.MapDelete("", RemoveAsync).WithSummary("Removes the caller's callback; deliveries still pending then fail.");
        return app;
    }

    private static async Task<Ok<CallbackRegistered>> RegisterAsync(CtsApplication application, HttpContext context, CallbackRequest request, CancellationToken cancellationToken)
    {
        var owner = CtsPrincipal.NameOf(context.User);
        var secret = await application.Callbacks.RegisterAsync(owner, request.Url, cancellationToken).ConfigureAwait(false);
        var callback = await application.Callbacks.OfAsync(owner, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CallbackRegistered(callback!.Url, secret, WebhookSignature.SignatureHeader, WebhookSignature.TimestampHeader, "sha256=hex(HMAC-SHA256(secret, timestamp + \".\" + body))"));
    }

    private static async Task<Results<Ok<CallbackView>, ProblemHttpResult>> ShowAsync(CtsApplication application, HttpContext context, CancellationToken cancellationToken)
    {
        var callback = await application.Callbacks.OfAsync(CtsPrincipal.NameOf(context.User), cancellationToken).ConfigureAwait(false);
        return callback is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No callback", detail: "no callback URL is registered for your credentials")
            : TypedResults.Ok(new CallbackView(callback.Url, callback.RegisteredAt, [.. callback.Deliveries.Select(d => new DeliveryView(d.Id, d.ReferralId, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt, d.LastError, d.EndedAt))]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(CtsApplication application, HttpContext context, CancellationToken cancellationToken) =>
        await application.Callbacks.RemoveAsync(CtsPrincipal.NameOf(context.User), cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No callback", detail: "no callback URL is registered for your credentials");
}
