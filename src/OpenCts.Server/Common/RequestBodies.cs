using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace OpenCts.Server.Common;

/// <summary>Documents a request body that the endpoint reads itself, without restricting the content types it is routed for.</summary>
/// <remarks>
/// <c>Accepts(...)</c> would make routing answer 415 for any other content type, through an endpoint of its own that the
/// deny-by-default fallback policy then answers 401 or 403: a carrier posting a message with curl's default form content
/// type would be told it may not. Messages are recognised by content, so the content type must not matter.
/// </remarks>
internal static class RequestBodies
{
    public static RouteHandlerBuilder DocumentsBody(this RouteHandlerBuilder builder, string description, params (string ContentType, JsonSchemaType Type, string? Format)[] contents) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = description,
                Content = contents.ToDictionary(c => c.ContentType, c => new OpenApiMediaType { Schema = new OpenApiSchema { Type = c.Type, Format = c.Format } }),
            };
            return Task.CompletedTask;
        });
}
