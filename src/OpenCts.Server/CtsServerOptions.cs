using Microsoft.Extensions.Logging;
using OpenCts.Application;

namespace OpenCts.Server;

/// <summary>What the server is built with: the application core it serves, where it listens, and its limits.</summary>
public sealed class CtsServerOptions
{
    /// <summary>The application core over an open store; the caller owns and disposes the store.</summary>
    public required CtsApplication Application { get; init; }

    /// <summary>Where to listen, such as <c>http://127.0.0.1:8080</c>; port 0 picks a free one.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];

    /// <summary>Requests a credential (an API key, a signed-in user, or an address without either) may make per <see cref="RateWindow"/> before it gets 429.</summary>
    public int RequestsPerWindow { get; init; } = 6000;

    /// <summary>Sign-in attempts one address may make per <see cref="RateWindow"/>.</summary>
    public int SignInsPerWindow { get; init; } = 10;

    public TimeSpan RateWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The least level logged; the server logs warnings and errors by default.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>How often the watch lists are downloaded again from their publishers; null (the default) never.</summary>
    public TimeSpan? WatchlistRefresh { get; init; }

    /// <summary>Where the scheduled refresh downloads from; null for the official OFAC and UN addresses.</summary>
    public IReadOnlyList<Uri>? WatchlistSources { get; init; }

    /// <summary>When a failed webhook is tried again, and how often before it fails for good.</summary>
    public OpenCts.Application.Referrals.WebhookSchedule WebhookSchedule { get; init; } = OpenCts.Application.Referrals.WebhookSchedule.Default;

    /// <summary>How often the outbox is looked at for retries that have come due.</summary>
    public TimeSpan WebhookPoll { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a receiver has to answer a webhook.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
