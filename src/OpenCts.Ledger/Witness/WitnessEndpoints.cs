using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OpenCts.Ledger.Witness;

/// <summary>Maps the tlog-witness HTTP API (<c>POST /add-checkpoint</c>) onto a <see cref="CheckpointWitness"/>.</summary>
public static class WitnessEndpoints
{
    /// <summary>Largest request body accepted: 63 proof lines and a checkpoint with many cosignatures fit well inside.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Adds <c>POST {prefix}/add-checkpoint</c>.</summary>
    public static IEndpointRouteBuilder MapWitnessApi(this IEndpointRouteBuilder endpoints, CheckpointWitness witness, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(witness);
        endpoints.MapPost(prefix + "/add-checkpoint", async (HttpContext context) =>
        {
            var body = await ReadBody(context.Request, context.RequestAborted);
            var response = body is null
                ? new WitnessResponse(StatusCodes.Status413PayloadTooLarge, "request too large\n")
                : witness.AddCheckpoint(body);
            context.Response.StatusCode = response.StatusCode;
            context.Response.ContentType = response.ContentType;
            await context.Response.WriteAsync(response.Body, Encoding.UTF8, context.RequestAborted);
        });
        endpoints.MapGet(prefix + "/", () => Results.Text(witness.Verifier.VerifierKey + "\n"));
        return endpoints;
    }

    private static async Task<string?> ReadBody(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return "";
        }
    }
}
