using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Server.Auth;

namespace OpenCts.Server.Common;

/// <summary>Writes every action (each request that is not a read) to the journaled audit trail: who, what, on what, when, and its answer.</summary>
/// <remarks>It runs before authorization, so refused attempts (401, 403) are audited as well; requests the rate limiter turns away (429) are not, so that a flood cannot fill the ledger.</remarks>
internal sealed class AuditMiddleware(RequestDelegate next, CtsApplication application)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        // Routing and authentication have run: the action, its target and the actor are known before the endpoint runs.
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        var target = string.Join(' ', context.GetRouteData().Values.Select(v => $"{v.Key}={v.Value}"));
        var actor = CtsPrincipal.NameOf(context.User);
        var action = $"{context.Request.Method} {pattern}";
        var audit = new RequestAudit(application, actor, action, target);
        context.Features.Set(audit);
        string outcome;
        try
        {
            await next(context).ConfigureAwait(false);
            outcome = context.Response.StatusCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception exception)
        {
            outcome = ApiProblems.StatusOf(exception).ToString(CultureInfo.InvariantCulture);
            await application.Audit.RecordAsync(actor, action, target, outcome, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        if (audit.Recorded != outcome)
        {
            await application.Audit.RecordAsync(actor, action, target, outcome, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
