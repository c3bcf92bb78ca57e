using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OpenCts.Server.Common;

/// <summary>Caps the body of every API request at <see cref="MaxApiBodyBytes"/>, except the two that carry files: messages and watch-list uploads.</summary>
/// <remarks>
/// Without it a JSON request could be as large as Kestrel's default (30 MB) and be buffered and parsed whole, say 29 MB of
/// profile criteria to compile. A body over the cap is refused with 413 as it arrives; a client that sends
/// <c>Expect: 100-continue</c> is refused before it sends the body at all.
/// </remarks>
internal sealed class RequestBodyLimits(RequestDelegate next)
{
    /// <summary>The most a JSON request of the API may hold: far beyond any profile, decision or user.</summary>
    public const long MaxApiBodyBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api")
            && !request.Path.StartsWithSegments("/api/v1/messages")
            && !(request.Path.Equals("/api/v1/watchlists", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(request.Method))
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxApiBodyBytes;
        }
        return next(context);
    }
}
