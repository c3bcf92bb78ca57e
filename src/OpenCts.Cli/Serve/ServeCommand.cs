using System.ComponentModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenCts.Cli.Common;
using OpenCts.Pipeline.Alerts;
using OpenCts.Pipeline.Intake;
using OpenCts.Pipeline.Streams;
using OpenCts.Server;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Serve;

/// <summary><c>cts serve</c>: the officers' API and pages, on the embedded store or, past one machine, on a shared store with the pipeline.</summary>
/// <remarks>
/// With <c>--stream</c>, the server assesses nothing itself: each stored message is queued for <c>cts worker</c>
/// processes, and the red-lane alerts they publish are relayed to this server's subscribers.
/// </remarks>
internal sealed class ServeCommand : AsyncCommand<ServeCommand.Settings>
{
    public sealed class Settings : ScaleOutSettings
    {
        [CommandOption("--urls <URLS>")]
        [Description("Where to listen; several separated by ';' (default http://127.0.0.1:8080).")]
        public string Urls { get; init; } = "http://127.0.0.1:8080";

        [CommandOption("--refresh-watchlists <HOURS>")]
        [Description("Download the OFAC and UN lists again every this many hours, the first time at start (default: never).")]
        public double? RefreshWatchlists { get; init; }

        [CommandOption("--watchlist-source <URL>")]
        [Description("Where the scheduled refresh downloads from; repeat for each file (default: the official OFAC and UN addresses).")]
        public string[] WatchlistSources { get; init; } = [];

        public override ValidationResult Validate()
        {
            if (RefreshWatchlists is { } hours && (double.IsNaN(hours) || hours <= 0 || hours > 24 * 366))
            {
                return ValidationResult.Error($"--refresh-watchlists {hours} is not a number of hours above 0");
            }
            foreach (var source in WatchlistSources)
            {
                if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    return ValidationResult.Error($"--watchlist-source '{source}' is not an http or https address");
                }
            }
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var logging = Workspace.Logging();
        var logger = logging.CreateLogger("cts serve");
        await using var store = await Workspace.OpenStoreAsync(settings, cancellationToken);
        await using var pipeline = settings.StreamAddress is { } stream ? await PipelineConnection.OpenAsync(stream, null, "cts serve", cancellationToken) : null;
        await using var queue = pipeline is null ? null : await IntakeQueue.StartAsync(pipeline, store, logger, cancellationToken);
        var application = Workspace.Application(store, queue);
        await using var relay = pipeline is null ? null : AlertRelay.Start(pipeline, application.Alerts, logger);
        if (await application.Users.EnsureAdminAsync(cancellationToken) is { } admin)
        {
            AnsiConsole.MarkupLineInterpolated($"created user [bold]{admin.Account.Name}[/] (admin); its one-time password, shown only now:");
            // The secret alone on its own line, unstyled and unwrapped, so a script can take it.
            Console.WriteLine(admin.Secret);
        }
        var urls = settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await using var app = CtsServer.Build(new CtsServerOptions
        {
            Application = application,
            Urls = urls,
            WatchlistRefresh = settings.RefreshWatchlists is { } hours ? TimeSpan.FromHours(hours) : null,
            WatchlistSources = settings.WatchlistSources.Length > 0 ? [.. settings.WatchlistSources.Select(s => new Uri(s))] : null,
        });
        await app.StartAsync(cancellationToken);
        foreach (var address in CtsServer.Addresses(app))
        {
            AnsiConsole.MarkupLineInterpolated($"serving {store.Location} at {address} (API reference at {address}/scalar; Ctrl+C to stop)");
        }
        if (pipeline is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"queuing stored messages on {pipeline.Address} for cts worker; relaying its alerts");
        }
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
