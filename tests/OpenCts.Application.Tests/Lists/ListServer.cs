using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpenCts.Application.Tests.Lists;

/// <summary>A real HTTP server on 127.0.0.1 that serves list files from folders, and answers that fail in the ways a publisher's server can.</summary>
/// <remarks>
/// <c>/{folder}/{file}</c> serves a file of a folder given at start; <c>/status/{code}/{file}</c> answers that status;
/// <c>/slow/{file}</c> never answers; <c>/page/{file}</c> answers 200 with a web page instead of the file.
/// </remarks>
internal sealed class ListServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ListServer(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    /// <summary>The server's address, ending in a slash.</summary>
    public Uri Root { get; }

    public static async Task<ListServer> StartAsync(IReadOnlyDictionary<string, string> folders)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/status/{code:int}/{file}", (int code) => Results.StatusCode(code));
        app.MapGet("/slow/{file}", async (HttpContext context) =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        app.MapGet("/page/{file}", () => Results.Content("<!DOCTYPE html><html><body>This page has moved.</body></html>", "text/html"));
        app.MapGet("/{folder}/{file}", async (string folder, string file, HttpContext context) =>
        {
            if (!folders.TryGetValue(folder, out var directory) || !File.Exists(Path.Combine(directory, file)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = "application/octet-stream";
            await context.Response.SendFileAsync(Path.Combine(directory, file), context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ListServer(app, new Uri(app.Urls.Single().TrimEnd('/') + "/"));
    }

    /// <summary>The address of a file under a path of this server, such as <c>v1/sdn.csv</c>.</summary>
    public Uri At(string path) => new(Root, path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
