using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Application.Reports;
using OpenCts.Server.Auth;

namespace OpenCts.Server.Reports;

/// <summary>Reports for supervisors: <c>/api/v1/reports</c>.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports/profiles", async Task<Ok<IReadOnlyList<ProfileReport>>> (CtsApplication application, CancellationToken cancellationToken) =>
                TypedResults.Ok(await application.Reports.ReportAsync(cancellationToken).ConfigureAwait(false)))
            .RequireAuthorization(Policies.ReadReports)
            .WithTags("Reports")
            .WithSummary("The effectiveness of every profile: hits, examined, positives, hit rate and revenue recovered.");
        return app;
    }
}
