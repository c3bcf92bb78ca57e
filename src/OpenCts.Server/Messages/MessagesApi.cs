using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Application.Intake;
using OpenCts.Application.Users;
using OpenCts.Domain.Messages;
using OpenCts.Server.Alerts;
using OpenCts.Server.Auth;
using OpenCts.Server.Common;
using OpenCts.Server.Consignments;
using OpenCts.Server.Health;
using OpenCts.Storage.Messages;

namespace OpenCts.Server.Messages;

/// <summary>Messages from carriers, forwarders and postal operators: <c>/api/v1/messages</c>.</summary>
public static class MessagesApi
{
    /// <summary>The most a message body may hold.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>The largest declared body read straight into an array of its length.</summary>
    private const int DirectReadBytes = 1024 * 1024;

    /// <summary>An issue of a message, with its place.</summary>
    public sealed record IssueView(string Severity, string Place, string Message);

    /// <summary>A data-quality finding on one document of a message.</summary>
    public sealed record FindingView(string Document, string Path, string? Value, string Rule, string Message);

    /// <summary>What became of a received message.</summary>
    public sealed record ReceiptView(long Id, string Status, IReadOnlyList<IssueView> Issues, IReadOnlyList<string> Documents, IReadOnlyList<FindingView> Findings);

    /// <summary>A document of a message, with the decisions on it (and, for officers, its lane).</summary>
    public sealed record DocumentStatus(string Document, int Version, string? Lane, double? Score, IReadOnlyList<DecisionView> Decisions);

    /// <summary>A referral of one of the message's documents back to its sender: what customs asks or tells, and whether a new version answered it.</summary>
    public sealed record ReferralView(long Id, string Document, string Action, string? Comment, DateTimeOffset At, string Status, DateTimeOffset? AnsweredAt);

    /// <summary>The status of a message as its sender or an officer reads it.</summary>
    public sealed record MessageView(long Id, string Sender, string MessageId, string Format, DateTimeOffset ReceivedAt, string Status, IReadOnlyList<IssueView> Issues, IReadOnlyList<DocumentStatus> Documents, IReadOnlyList<ReferralView> Referrals);

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/messages").WithTags("Messages");
        group.MapPost("", ReceiveAsync)
            .RequireAuthorization(Policies.SubmitMessages)
            .DocumentsBody("The raw message, exactly as the sender's system wrote it; any content type.", ("application/octet-stream", Microsoft.OpenApi.JsonSchemaType.String, "binary"))
            .WithSummary("Receives one message in any format `cts ingest` reads, recognised by content; the sender is the caller. Answers once the message is committed and journaled.");
        group.MapGet("/{id:long}", StatusAsync)
            .RequireAuthorization(Policies.ReadMessages)
            .WithSummary("The status of a message and of its documents, with the referrals of its documents back to its sender (open or answered); a submitter sees only its own.");
        return app;
    }

    private static async Task<Results<Created<ReceiptView>, ProblemHttpResult>> ReceiveAsync(
        HttpContext context, CtsApplication application, IntakeSignal signal, ServerMetrics metrics, [FromHeader(Name = "X-File-Name")] string? fileName, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Message too large", detail: $"a message may hold at most {MaxBodyBytes} bytes");
        }
        var source = string.IsNullOrWhiteSpace(fileName) ? "upload" : Path.GetFileName(fileName);
        var sender = CtsPrincipal.NameOf(context.User);
        IReadOnlyList<ReceivedMessage> received;
        if (context.Features.Get<RequestAudit>() is { } audit)
        {
            // A lone message is stored with the request's audit entry, in one commit.
            (received, var audited) = await application.Intake.ReceiveAsync(
                body, source, sender, stored => audit.Entry(StatusOf([stored.Outcome]).ToString(CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
            if (audited)
            {
                audit.Committed();
            }
        }
        else
        {
            received = await application.Intake.ReceiveAsync(body, source, sender, cancellationToken).ConfigureAwait(false);
        }
        if (received.Any(r => r.Stored.Outcome == MessageOutcome.Stored))
        {
            signal.Raise();
        }
        foreach (var message in received)
        {
            metrics.Message(message.Stored.Status);
        }
        if (StatusOf([.. received.Select(r => r.Stored.Outcome)]) == StatusCodes.Status422UnprocessableEntity)
        {
            var issues = received.SelectMany(r => r.Stored.Issues).Where(i => i.Severity == IssueSeverity.Error).Select(Issue).ToList();
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The message cannot be read",
                Detail = issues.Count > 0 ? $"{issues[0].Place}: {issues[0].Message}" : "nothing in the body was recognised as a message",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.21",
            };
            problem.Extensions["id"] = received.Count > 0 ? received[0].Stored.RawMessageId : null;
            problem.Extensions["errors"] = issues;
            return TypedResults.Problem(problem);
        }
        var first = received.First(r => r.Stored.Outcome != MessageOutcome.Rejected).Stored;
        var receipt = new ReceiptView(
            first.RawMessageId,
            first.Status,
            [.. first.Issues.Select(Issue)],
            [.. first.Versions.Select(v => v.DocumentKey)],
            [.. first.Findings.Select(f => new FindingView(f.DocumentKey, f.Finding.Path, f.Finding.Value, f.Finding.Rule, f.Finding.Message))]);
        return TypedResults.Created($"/api/v1/messages/{first.RawMessageId}", receipt);
    }

    private static async Task<Results<Ok<MessageView>, ProblemHttpResult>> StatusAsync(HttpContext context, CtsApplication application, long id, CancellationToken cancellationToken)
    {
        var record = await application.Store.Messages.FindAsync(id, cancellationToken).ConfigureAwait(false);
        var submitter = context.User.IsInRole(Roles.Submitter);
        // A submitter is told nothing of another sender's messages, not even that they exist.
        if (record is null || (submitter && !string.Equals(record.Sender, CtsPrincipal.NameOf(context.User), StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such message", detail: $"no message {id} of yours is stored");
        }
        var documents = new List<DocumentStatus>();
        foreach (var (key, version) in record.Versions)
        {
            var decisions = await application.Decisions.OfAsync(key, cancellationToken).ConfigureAwait(false);
            if (submitter)
            {
                // The sender learns what it is asked to do, never the risk lane, the score or the officer's notes.
                documents.Add(new DocumentStatus(key, version, null, null, [.. decisions.Select(d => new DecisionView(d.DocumentKey, d.Action, d.ExaminationKind, null, "customs", d.DecidedAt))]));
                continue;
            }
            var assessment = (await application.Store.Assessments.OfAsync(key, cancellationToken).ConfigureAwait(false)).LastOrDefault(a => a.ConsignmentVersion == version);
            documents.Add(new DocumentStatus(key, version, assessment is null ? null : ConsignmentViews.LaneName(assessment.Lane), assessment?.Score, [.. decisions.Select(DecisionView.Of)]));
        }
        var referrals = await application.Referrals.OfMessageAsync(record, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new MessageView(
            record.Id, record.Sender, record.MessageId, record.Format, record.ReceivedAt, record.Status, [.. record.Issues.Select(Issue)], documents,
            [.. referrals.Select(r => new ReferralView(r.Id, r.DocumentKey, r.Action, r.Comment, r.ReferredAt, r.Status, r.AnsweredAt))]));
    }

    /// <summary>The status of a receipt: 422 when nothing in the body could be read, 201 when something was stored (or was stored before).</summary>
    private static int StatusOf(IReadOnlyList<MessageOutcome> outcomes) =>
        outcomes.Count == 0 || outcomes.All(o => o == MessageOutcome.Rejected) ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status201Created;

    private static IssueView Issue(IngestionIssue issue) => new(issue.Severity == IssueSeverity.Error ? "error" : "warning", issue.Location, issue.Message);

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        if (request.ContentLength is { } length and <= DirectReadBytes)
        {
            // Kestrel holds the body to its declared length, so it is read straight into an array of that size: a
            // carrier's single message is a few kilobytes, and a growing buffer beside a fixed chunk cost ten times that.
            // Larger bodies grow as they arrive, so a client cannot make the server set aside 16 MB by declaring it.
            var body = new byte[length];
            var filled = 0;
            int got;
            while (filled < body.Length && (got = await request.Body.ReadAsync(body.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += got;
            }
            return filled == body.Length ? body : body[..filled];
        }
        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16384);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }
}
