using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenCts.Ledger.Storage;

namespace OpenCts.Ledger.Tiles;

/// <summary>Maps the C2SP tlog-tiles read API (<c>/checkpoint</c>, <c>/tile/...</c>) onto a ledger file.</summary>
public static class TileEndpoints
{
    /// <summary>Adds <c>GET {prefix}/checkpoint</c>, <c>GET {prefix}/tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> and <c>GET {prefix}/tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c>.</summary>
    public static IEndpointRouteBuilder MapTileApi(this IEndpointRouteBuilder endpoints, string databasePath, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(prefix + "/checkpoint", (HttpContext context) =>
        {
            using var reader = LedgerReader.Open(databasePath);
            var checkpoint = reader.LatestCheckpoint();
            if (checkpoint is null)
            {
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = "no-cache, max-age=5";
            return Results.Text(checkpoint.ToString(), "text/plain; charset=utf-8");
        });
        endpoints.MapGet(prefix + "/tile/{**path}", (string path, HttpContext context) =>
        {
            if (!TilePath.TryParse(path, out var tile))
            {
                return Results.NotFound();
            }
            using var reader = LedgerReader.Open(databasePath);
            var bytes = tile.IsEntries ? reader.EntryBundle(tile.Index, tile.Width) : reader.Tile(tile.Level, tile.Index, tile.Width);
            if (bytes is null)
            {
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(bytes, "application/octet-stream");
        });
        return endpoints;
    }
}
