using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Application.Consignments;
using OpenCts.Application.Privacy;
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

    /// <summary>Why the caller needs to see the consignment's personal data unmasked.</summary>
    public sealed record UnmaskRequest(string? Reason);

    /// <summary>An unmasking granted: which consignment, until when, for what reason.</summary>
    public sealed record UnmaskView(string Document, DateTimeOffset Until, string Reason);

    public static IEndpointRouteBuilder MapConsignmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/consignments").WithTags("Consignments");
        group.MapGet("", ListAsync).RequireAuthorization(Policies.ReadConsignments)
            .WithSummary("Assessed consignments, red first then by score, or with sort=arrival soonest arrival first; filtered by lane (green, yellow, red) and by text in the document number. Red rows beyond their office's examination capacity are marked overCapacity.");
        group.MapGet("/{document}", DetailAsync).RequireAuthorization(Policies.ReadConsignments)
            .WithSummary("One consignment: lane, score, reasons with their evidence, versions with their differences, decisions and examinations.");
        group.MapPost("/{document}/unmask", UnmaskAsync).RequireAuthorization(Policies.ReadConsignments)
            .WithSummary("Shows this consignment's parties unmasked to the caller for 15 minutes; the reason is required and audited. Roles without the need (analyst, examiner, auditor) see names, phones, e-mails and streets masked until then.");
        group.MapPost("/{document}/decisions", DecideAsync).RequireAuthorization(Policies.Decide)
            .WithSummary("Records a decision: release, hold, examine (with kind physical, scan or documentary), request-information, request-screening, do-not-load or assessment-complete.");
        return app;
    }

    private static async Task<Ok<PageView<ConsignmentRow>>> ListAsync(CtsApplication application, HttpContext context, string? lane, string? q, string? sort, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = Paging.Of(page, pageSize);
        Lane? wanted = lane is null ? null
            : Enum.TryParse<Lane>(lane, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : throw new DomainException("lane", $"'{lane}' is not a lane; one of green, yellow, red");
        var order = sort is null || string.Equals(sort, "risk", StringComparison.OrdinalIgnoreCase) ? WorklistOrder.Risk
            : string.Equals(sort, "arrival", StringComparison.OrdinalIgnoreCase) ? WorklistOrder.Arrival
            : throw new DomainException("sort", $"'{sort}' is not an order; one of risk, arrival");
        var result = await application.Consignments.WorklistAsync(wanted, q, order, p, size, cancellationToken).ConfigureAwait(false);
        var (user, role) = Caller(context);
        var unmasking = application.PersonalData.Unmasking;
        var rows = result.Items.Select(r => unmasking.SeesUnmasked(user, role, r.Target.Assessment.DocumentKey) ? r : r with { Target = PersonalDataMask.Row(r.Target) }).ToList();
        await application.PersonalData.Reads.RecordAsync(user, "GET /api/v1/consignments", [.. rows.Select(r => r.Target.Assessment.DocumentKey)], !PersonalDataAccess.Sees(role), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PageView<ConsignmentRow>([.. rows.Select(ConsignmentViews.Row)], result.PageNumber, result.PageSize, result.Total));
    }

    private static async Task<Results<Ok<ConsignmentView>, ProblemHttpResult>> DetailAsync(CtsApplication application, HttpContext context, string document, CancellationToken cancellationToken)
    {
        var detail = await application.Consignments.DetailAsync(document, cancellationToken).ConfigureAwait(false);
        if (detail is null)
        {
            return NotFound(document);
        }
        var (user, role) = Caller(context);
        var unmasked = application.PersonalData.Unmasking.SeesUnmasked(user, role, document);
        await application.PersonalData.Reads.RecordAsync(user, "GET /api/v1/consignments/{document}", [document], !unmasked, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ConsignmentViews.Detail(unmasked ? detail : PersonalDataMask.Detail(detail)));
    }

    private static async Task<Results<Ok<UnmaskView>, ProblemHttpResult>> UnmaskAsync(CtsApplication application, HttpContext context, string document, UnmaskRequest? request, CancellationToken cancellationToken)
    {
        if (await application.Consignments.DetailAsync(document, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(document);
        }
        var grant = await application.PersonalData.Unmasking.GrantAsync(CtsPrincipal.NameOf(context.User), document, request?.Reason, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new UnmaskView(grant.Document, grant.Until, grant.Reason));
    }

    private static (string User, string? Role) Caller(HttpContext context) =>
        (CtsPrincipal.NameOf(context.User), context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value);

    private static async Task<Results<Created<DecisionView>, ProblemHttpResult>> DecideAsync(CtsApplication application, HttpContext context, string document, DecisionRequest request, CancellationToken cancellationToken)
    {
        var decision = await application.Decisions.DecideAsync(document, request.Action, request.Kind, request.Comment, CtsPrincipal.NameOf(context.User), cancellationToken).ConfigureAwait(false);
        return decision is null ? NotFound(document) : TypedResults.Created($"/api/v1/consignments/{Uri.EscapeDataString(document)}", DecisionView.Of(decision));
    }

    internal static ProblemHttpResult NotFound(string document) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such consignment", detail: $"no consignment has the document key '{document}'");
}
