using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Application.Consignments;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Server.Auth;
using OpenCts.Server.Common;

namespace OpenCts.Server.Consignments;

/// <summary>Assessed consignments (<c>/api/v1/consignments</c>) and the decisions on them.</summary>
public static class ConsignmentsApi
{
    /// <summary>A decision: the action, the kind of examination (with <c>examine</c> only), and the officer's reason.</summary>
    public sealed record DecisionRequest(string? Action, string? Kind, string? Comment);

    public static IEndpointRouteBuilder MapConsignmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/consignments").WithTags("Consignments");
        group.MapGet("", ListAsync).RequireAuthorization(Policies.ReadConsignments)
            .WithSummary("Assessed consignments, red first then by score, or with sort=arrival soonest arrival first; filtered by lane (green, yellow, red) and by text in the document number. Red rows beyond their office's examination capacity are marked overCapacity.");
        group.MapGet("/{document}", DetailAsync).RequireAuthorization(Policies.ReadConsignments)
            .WithSummary("One consignment: lane, score, reasons with their evidence, versions with their differences, decisions and examinations.");
        group.MapPost("/{document}/decisions", DecideAsync).RequireAuthorization(Policies.Decide)
            .WithSummary("Records a decision: release, hold, examine (with kind physical, scan or documentary), request-information, request-screening, do-not-load or assessment-complete.");
        return app;
    }

    private static async Task<Ok<PageView<ConsignmentRow>>> ListAsync(CtsApplication application, string? lane, string? q, string? sort, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = Paging.Of(page, pageSize);
        Lane? wanted = lane is null ? null
            : Enum.TryParse<Lane>(lane, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : throw new DomainException("lane", $"'{lane}' is not a lane; one of green, yellow, red");
        var order = sort is null || string.Equals(sort, "risk", StringComparison.OrdinalIgnoreCase) ? WorklistOrder.Risk
            : string.Equals(sort, "arrival", StringComparison.OrdinalIgnoreCase) ? WorklistOrder.Arrival
            : throw new DomainException("sort", $"'{sort}' is not an order; one of risk, arrival");
        var result = await application.Consignments.WorklistAsync(wanted, q, order, p, size, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PageView<ConsignmentRow>([.. result.Items.Select(ConsignmentViews.Row)], result.PageNumber, result.PageSize, result.Total));
    }

    private static async Task<Results<Ok<ConsignmentView>, ProblemHttpResult>> DetailAsync(CtsApplication application, string document, CancellationToken cancellationToken)
    {
        var detail = await application.Consignments.DetailAsync(document, cancellationToken).ConfigureAwait(false);
        return detail is null ? NotFound(document) : TypedResults.Ok(ConsignmentViews.Detail(detail));
    }

    private static async Task<Results<Created<DecisionView>, ProblemHttpResult>> DecideAsync(CtsApplication application, HttpContext context, string document, DecisionRequest request, CancellationToken cancellationToken)
    {
        var decision = await application.Decisions.DecideAsync(document, request.Action, request.Kind, request.Comment, CtsPrincipal.NameOf(context.User), cancellationToken).ConfigureAwait(false);
        return decision is null ? NotFound(document) : TypedResults.Created($"/api/v1/consignments/{Uri.EscapeDataString(document)}", DecisionView.Of(decision));
    }

    internal static ProblemHttpResult NotFound(string document) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such consignment", detail: $"no consignment has the document key '{document}'");
}
