using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenCts.Ledger.Witness;

namespace OpenCts.Ledger.Hosting;

/// <summary>Starts a small Kestrel server for the witness or tile API: <c>cts witness serve</c>, <c>cts ledger serve</c> and the tests use it.</summary>
public static class LedgerHost
{
    /// <summary>Builds and starts a web app listening on <paramref name="url"/> (port 0 picks a free port); <paramref name="map"/> adds the endpoints.</summary>
    public static async Task<WebApplication> StartAsync(string url, Action<WebApplication> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = WitnessEndpoints.MaxBodyBytes);
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>The address the app actually listens on.</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }
}
