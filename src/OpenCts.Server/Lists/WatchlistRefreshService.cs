using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenCts.Application;
using OpenCts.Application.Lists;
using OpenCts.Server.Common;

namespace OpenCts.Server.Lists;

/// <summary>Refreshes the watch lists from their publishers on a schedule, as <c>cts watchlists update</c> does by hand.</summary>
/// <remarks>
/// The first refresh runs at start. A failed download or an unreadable file is logged and changes nothing: the lists in
/// force stay until the next refresh succeeds. Runs only when <see cref="CtsServerOptions.WatchlistRefresh"/> is set.
/// </remarks>
internal sealed class WatchlistRefreshService(CtsApplication application, CtsServerOptions options, ILogger<WatchlistRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.WatchlistRefresh is not { } every)
        {
            return;
        }
        using var http = new HttpClient();
        var update = new WatchlistUpdate(http, application.Lists);
        using var timer = new PeriodicTimer(every);
        do
        {
            try
            {
                var result = await update.UpdateAsync(options.WatchlistSources, stoppingToken).ConfigureAwait(false);
                foreach (var list in result.Lists)
                {
                    logger.LogInformation("watch list {List} refreshed: {Entries} entries, {Added} added, {Removed} removed, {Amended} amended", list.List, list.Entries, list.Added, list.Removed, list.Amended);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is WatchlistDownloadException or OpenCts.Domain.Common.InputFormatException or ArgumentException)
            {
                logger.LogWarning("watch-list refresh failed, the lists in force are kept: {Reason}", exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
