using System.ComponentModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using OpenCts.Cli.Common;
using OpenCts.Server;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Serve;

/// <summary><c>cts serve</c>: the officers' API (and, later, pages) on the embedded store.</summary>
internal sealed class ServeCommand : AsyncCommand<ServeCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--urls <URLS>")]
        [Description("Where to listen; several separated by ';' (default http://127.0.0.1:8080).")]
        public string Urls { get; init; } = "http://127.0.0.1:8080";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = Workspace.OpenStore(settings);
        var application = Workspace.Application(store);
        if (await application.Users.EnsureAdminAsync(cancellationToken) is { } admin)
        {
            AnsiConsole.MarkupLineInterpolated($"created user [bold]{admin.Account.Name}[/] (admin); its one-time password, shown only now:");
            // The secret alone on its own line, unstyled and unwrapped, so a script can take it.
            Console.WriteLine(admin.Secret);
        }
        var urls = settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await using var app = CtsServer.Build(new CtsServerOptions { Application = application, Urls = urls });
        await app.StartAsync(cancellationToken);
        foreach (var address in CtsServer.Addresses(app))
        {
            AnsiConsole.MarkupLineInterpolated($"serving {store.Location} at {address} (API reference at {address}/scalar; Ctrl+C to stop)");
        }
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
