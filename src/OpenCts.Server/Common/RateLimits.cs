using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using OpenCts.Application.Users;
using OpenCts.Server.Auth;

namespace OpenCts.Server.Common;

/// <summary>Rate limits partitioned by credential (429 when exceeded): every request per API key, user or address; sign-ins per address.</summary>
internal static class RateLimits
{
    public const string SignIn = "sign-in";

    public static IServiceCollection AddCtsRateLimits(this IServiceCollection services, CtsServerOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(CredentialOf(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RequestsPerWindow,
                    Window = options.RateWindow,
                }));
            limiter.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                "sign-in " + context.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInsPerWindow, Window = options.RateWindow }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "Wait a moment and try again." },
                }).ConfigureAwait(false);
            };
        });
        return services;
    }

    /// <summary>The credential a request is counted against: the API key's public id, the signed-in user, or the address.</summary>
    private static string CredentialOf(HttpContext context)
    {
        if (ApiKeyAuthentication.BearerKey(context.Request.Headers.Authorization) is { } key)
        {
            return Credentials.TryParseApiKey(key, out var id, out _) ? "key " + id : "bad-key " + context.Connection.RemoteIpAddress;
        }
        return context.User.Identity is { IsAuthenticated: true, Name: { } name } ? "user " + name : "address " + context.Connection.RemoteIpAddress;
    }
}
