using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Application.Commerce;
using OpenCts.Server.Auth;
using OpenCts.Server.Common;
using OpenCts.Server.Messages;

namespace OpenCts.Server.Commerce;

/// <summary>Order records from e-commerce platforms (<c>/api/v1/platform-orders</c>, docs/platform-orders.md).</summary>
public static class PlatformOrdersApi
{
    /// <summary>A fault of an order file: the JSON path, line and column, what is wrong, and the order's index when it is one order's.</summary>
    public sealed record OrderErrorView(string Path, int Line, int Column, string Message, int? Order);

    /// <summary>What receiving the file did.</summary>
    public sealed record OrderReceiptView(string Source, string? Platform, int InFile, int Accepted, int Stored, IReadOnlyList<OrderErrorView> Errors);

    public static IEndpointRouteBuilder MapPlatformOrdersApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/platform-orders", ReceiveAsync).WithTags("Platform orders")
            .RequireAuthorization(Policies.SubmitMessages)
            .DocumentsBody("A platform-order file: a JSON object with platform and orders (docs/platform-orders.md).", ("application/json", Microsoft.OpenApi.JsonSchemaType.Object, null))
            .WithSummary("Receives a file of platform orders. 201 with the receipt when every order was stored or was a duplicate; 422 with the receipt when some orders were bad (each error with its JSON path, line and column; the good orders are still stored); 400 when the file is not a JSON object.");
        return app;
    }

    private static async Task<Results<Created<OrderReceiptView>, UnprocessableEntity<OrderReceiptView>, ProblemHttpResult>> ReceiveAsync(
        HttpContext context, CtsApplication application, [FromHeader(Name = "X-File-Name")] string? fileName, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > MessagesApi.MaxBodyBytes)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large", detail: $"an order file may hold at most {MessagesApi.MaxBodyBytes} bytes");
            }
            body.Write(chunk, 0, read);
        }
        body.Position = 0;
        var source = string.IsNullOrWhiteSpace(fileName) ? "upload" : Path.GetFileName(fileName);
        var receipt = await application.PlatformOrders.ReceiveAsync(body, source, cancellationToken).ConfigureAwait(false);
        var view = View(receipt);
        // A fault at the root (not JSON, not an object, not UTF-8) leaves nothing to store: the request itself is bad.
        if (receipt.Accepted == 0 && receipt.Errors.Any(e => e.OrderIndex is null && e.Path == "$"))
        {
            var first = receipt.Errors.First(e => e.OrderIndex is null && e.Path == "$");
            var problem = ApiProblems.Invalid("body", $"line {first.Line}, column {first.Column}: {first.Message}");
            problem.Extensions["line"] = first.Line;
            problem.Extensions["column"] = first.Column;
            return TypedResults.Problem(problem);
        }
        return receipt.Errors.Count > 0 ? TypedResults.UnprocessableEntity(view) : TypedResults.Created((string?)null, view);
    }

    private static OrderReceiptView View(PlatformOrderReceipt receipt) =>
        new(receipt.Source, receipt.Platform, receipt.InFile, receipt.Accepted, receipt.Stored,
            [.. receipt.Errors.Select(e => new OrderErrorView(e.Path, e.Line, e.Column, e.Message, e.OrderIndex))]);
}
