using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OpenCts.Server.Common;

/// <summary>Declares the two ways to authenticate in the OpenAPI document, so the reference can send an API key.</summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public const string ApiKey = "api-key";

    public const string Cookie = "session-cookie";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key from `cts users add NAME --role ROLE --api-key`, sent as `Authorization: Bearer <api-key>`.",
        };
        document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = Auth.AuthSetup.CookieName,
            Description = "The session cookie set by `POST /api/v1/session`.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, document)] = [] });
        return Task.CompletedTask;
    }
}
