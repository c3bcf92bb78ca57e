using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OpenCts.Application.Profiles;
using OpenCts.Application.Users;
using OpenCts.Domain.Common;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Server.Common;

/// <summary>Turns the one kind of bad input each layer raises into RFC 9457 problem details that name the field.</summary>
internal sealed class ApiProblems(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>The status an exception is answered with.</summary>
    public static int StatusOf(Exception exception) => exception switch
    {
        DomainException or InputFormatException or BadHttpRequestException or JsonException => StatusCodes.Status400BadRequest,
        ProfileLifecycleException or UserAccountException or Application.Lists.AllowListReviewException or Application.Commerce.EntityDecisionException
            or Storage.StoreConflictException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }).ConfigureAwait(false);
    }

    /// <summary>The problem details of an exception: the field and what is wrong with it, for bad input; nothing internal otherwise.</summary>
    public static ProblemDetails Describe(Exception exception)
    {
        var status = StatusOf(exception);
        switch (exception)
        {
            case DomainException domain:
                return Invalid(domain.Field, domain.Reason);
            case ProfileException profile:
                var details = Invalid("criteria", profile.Errors.Count > 0 ? profile.Errors[0].ToString() : profile.Problem);
                details.Extensions["errors"] = new Dictionary<string, string[]> { ["criteria"] = [.. profile.Errors.Select(e => e.ToString())] };
                return details;
            case InputFormatException input:
                return Invalid(input.FieldPath ?? "", input.Problem);
            case BadHttpRequestException { InnerException: JsonException json }:
                return Invalid(FieldOf(json.Path), "is not valid: " + FirstSentence(json.Message));
            case JsonException json:
                return Invalid(FieldOf(json.Path), "is not valid: " + FirstSentence(json.Message));
            case BadHttpRequestException bad:
                return new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message };
            default:
                return new ProblemDetails
                {
                    Status = status,
                    Title = status == StatusCodes.Status409Conflict ? "Conflict" : "Server error",
                    Detail = status == StatusCodes.Status409Conflict ? exception.Message : "The server failed; the error is in its log.",
                };
        }
    }

    /// <summary>A 400 problem naming one field, in the shape of ASP.NET Core's validation problems.</summary>
    public static ProblemDetails Invalid(string field, string reason)
    {
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are not valid",
            Detail = string.IsNullOrEmpty(field) ? reason : $"{field}: {reason}",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };
        details.Extensions["field"] = field;
        details.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [reason] };
        return details;
    }

    /// <summary>The field of a JSON path such as <c>$.action</c> or <c>$.items[2].kind</c>, without the root.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
