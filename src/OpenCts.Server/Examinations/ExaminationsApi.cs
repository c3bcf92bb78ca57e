using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Domain.Common;
using OpenCts.Domain.Examinations;
using OpenCts.Server.Auth;
using OpenCts.Server.Consignments;

namespace OpenCts.Server.Examinations;

/// <summary>Examination results reported by examiners: <c>POST /api/v1/examinations</c>.</summary>
/// <remarks>
/// A client that may retry names its result with an <c>Idempotency-Key</c> header or a <c>resultId</c> in the body: the
/// result is recorded once, a retry is answered 200 with the first result's body, and another result under the same key 409.
/// </remarks>
public static class ExaminationsApi
{
    /// <summary>The header that names a result, so that a retried POST records it once.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>A result: the document, what was found, the amount, currency and quantity involved, and optionally the client's id for it.</summary>
    public sealed record ExaminationRequest(string? Document, string? Outcome, decimal? Amount, string? Currency, decimal? Quantity, string? Comment, string? ResultId = null);

    public static IEndpointRouteBuilder MapExaminationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/examinations", RecordAsync)
            .RequireAuthorization(Policies.RecordExaminations)
            .WithTags("Examinations")
            .WithSummary("Records an examination result: no-find, seizure, revenue-adjustment, ipr-detention or other. With an Idempotency-Key header or a resultId it is recorded once: a retry gets 200 and the first result, another result under the key 409.");
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

    private static async Task<Results<Created<ExaminationView>, Ok<ExaminationView>, ProblemHttpResult>> RecordAsync(
        CtsApplication application, ExaminationRequest request, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey is null && request.ResultId is null)
        {
            var result = await application.ExaminationResults.RecordAsync(request.Document, request.Outcome, request.Amount, request.Currency, request.Quantity, request.Comment, cancellationToken).ConfigureAwait(false);
            return result is null ? ConsignmentsApi.NotFound(request.Document!) : Created(result);
        }
        if (idempotencyKey is not null && request.ResultId is not null && !string.Equals(idempotencyKey, request.ResultId, StringComparison.Ordinal))
        {
            throw new DomainException("resultId", $"differs from the {IdempotencyKeyHeader} header; give one key, or the same in both");
        }
        var (key, field) = idempotencyKey is not null ? (idempotencyKey, IdempotencyKeyHeader) : (request.ResultId, "resultId");
        var recorded = await application.ExaminationResults.RecordOnceAsync(key, field, request.Document, request.Outcome, request.Amount, request.Currency, request.Quantity, request.Comment, cancellationToken).ConfigureAwait(false);
        return recorded switch
        {
            null => ConsignmentsApi.NotFound(request.Document!),
            { AlreadyRecorded: true } => TypedResults.Ok(ExaminationView.Of(recorded.Result)),
            _ => Created(recorded.Result),
        };
    }

    private static Created<ExaminationView> Created(ExaminationResult result) =>
        TypedResults.Created($"/api/v1/consignments/{Uri.EscapeDataString(result.DocumentKey)}", ExaminationView.Of(result));
}
