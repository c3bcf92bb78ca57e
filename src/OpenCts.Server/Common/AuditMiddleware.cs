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
        string outcome;
        try
        {
            await next(context).ConfigureAwait(false);
            outcome = context.Response.StatusCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception exception)
        {
            outcome = ApiProblems.StatusOf(exception).ToString(CultureInfo.InvariantCulture);
            await RecordAsync(context, outcome).ConfigureAwait(false);
            throw;
        }
        await RecordAsync(context, outcome).ConfigureAwait(false);
    }

    private Task RecordAsync(HttpContext context, string outcome)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        var target = string.Join(' ', context.GetRouteData().Values.Select(v => $"{v.Key}={v.Value}"));
        return application.Audit.RecordAsync(CtsPrincipal.NameOf(context.User), $"{context.Request.Method} {pattern}", target, outcome, CancellationToken.None);
    }
}
