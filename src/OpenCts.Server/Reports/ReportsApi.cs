using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Application.Reports;
using OpenCts.Server.Auth;

namespace OpenCts.Server.Reports;

/// <summary>Reports for supervisors: <c>/api/v1/reports</c>, read by the dashboard's and the effectiveness page's charts.</summary>
public static class ReportsApi
{
    /// <summary>One profile's effectiveness, with its hits day by day.</summary>
    public sealed record ProfileEffectivenessView(ProfileReport Report, IReadOnlyList<ProfileDay> Days);

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Policies.ReadReports);
        group.MapGet("/profiles", async Task<Ok<IReadOnlyList<ProfileReport>>> (CtsApplication application, CancellationToken cancellationToken) =>
                TypedResults.Ok(await application.Reports.ReportAsync(cancellationToken).ConfigureAwait(false)))
            .WithSummary("The effectiveness of every profile: hits, examined, positives, hit rate and revenue recovered.");
        group.MapGet("/profiles/{id}", ProfileAsync)
            .WithSummary("One profile's effectiveness, with its hits, examinations, positives and revenue day by day of arrival.");
        group.MapGet("/volumes", async Task<Ok<VolumeReport>> (CtsApplication application, CancellationToken cancellationToken) =>
                TypedResults.Ok(await application.Dashboard.VolumesAsync(cancellationToken).ConfigureAwait(false)))
            .WithSummary("Consignments in force by day of arrival, split by lane, mode of transport and port of discharge.");
        group.MapGet("/threats", async Task<Ok<IReadOnlyList<ThreatReport>>> (CtsApplication application, CancellationToken cancellationToken) =>
                TypedResults.Ok(await application.Dashboard.ThreatsAsync(cancellationToken).ConfigureAwait(false)))
            .WithSummary("Hits, examinations, positives, hit rate and revenue per threat category.");
        group.MapGet("/model", async Task<Ok<IReadOnlyList<ModelPrecisionPoint>>> (CtsApplication application, CancellationToken cancellationToken) =>
                TypedResults.Ok(await application.Dashboard.ModelPrecisionAsync(cancellationToken).ConfigureAwait(false)))
            .WithSummary("The risk model's precision by day of examination: of the consignments it put forward and that were examined, the share found irregular.");
        return app;
    }

    private static async Task<Results<Ok<ProfileEffectivenessView>, ProblemHttpResult>> ProfileAsync(CtsApplication application, string id, CancellationToken cancellationToken)
    {
        var report = (await application.Reports.ReportAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.ProfileId == id);
        return report is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such profile", detail: $"no profile has the id '{id}'")
            : TypedResults.Ok(new ProfileEffectivenessView(report, await application.Dashboard.ProfileHistoryAsync(id, cancellationToken).ConfigureAwait(false)));
    }
}
