using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Server.Auth;
using OpenCts.Server.Consignments;

namespace OpenCts.Server.Examinations;

/// <summary>Examination results reported by examiners: <c>POST /api/v1/examinations</c>.</summary>
public static class ExaminationsApi
{
    /// <summary>A result: the document, what was found, and the amount, currency and quantity involved.</summary>
    public sealed record ExaminationRequest(string? Document, string? Outcome, decimal? Amount, string? Currency, decimal? Quantity, string? Comment);

    public static IEndpointRouteBuilder MapExaminationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/examinations", RecordAsync)
            .RequireAuthorization(Policies.RecordExaminations)
            .WithTags("Examinations")
            .WithSummary("Records an examination result: no-find, seizure, revenue-adjustment, ipr-detention or other.");
        app.MapGet("/api/v1/examinations/mine", MineAsync)
            .RequireAuthorization(Policies.RecordExaminations)
            .WithTags("Examinations")
            .WithSummary("The examinations assigned to the calling examiner, newest first; open=false lists the finished ones too. Examinations are assigned by workload: each to the examiner with the fewest open ones.");
        return app;
    }

    /// <summary>An examination assigned to an examiner; open until a result on its document is recorded.</summary>
    public sealed record AssignmentView(long Id, string Document, string Examiner, string? Kind, string AssignedBy, DateTimeOffset AssignedAt, bool Open);

    private static async Task<Ok<IReadOnlyList<AssignmentView>>> MineAsync(CtsApplication application, HttpContext context, bool? open, CancellationToken cancellationToken)
    {
        var assignments = await application.Examiners.OfAsync(CtsPrincipal.NameOf(context.User), open ?? true, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<AssignmentView>>([.. assignments.Select(a => new AssignmentView(a.Id, a.DocumentKey, a.Examiner, a.Kind, a.AssignedBy, a.AssignedAt, a.Open))]);
    }

    private static async Task<Results<Created<ExaminationView>, ProblemHttpResult>> RecordAsync(CtsApplication application, ExaminationRequest request, CancellationToken cancellationToken)
    {
        var result = await application.ExaminationResults.RecordAsync(request.Document, request.Outcome, request.Amount, request.Currency, request.Quantity, request.Comment, cancellationToken).ConfigureAwait(false);
        return result is null
            ? ConsignmentsApi.NotFound(request.Document!)
            : TypedResults.Created($"/api/v1/consignments/{Uri.EscapeDataString(result.DocumentKey)}", ExaminationView.Of(result));
    }
}
