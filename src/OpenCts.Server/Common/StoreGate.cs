using Microsoft.AspNetCore.Http;

namespace OpenCts.Server.Common;

/// <summary>Lets one request (or the background assessment) use the store at a time.</summary>
/// <remarks>
/// The embedded store works on one SQLite connection, which cannot read beside its own open write transaction; its writes
/// are serialised but its reads are not. The server therefore takes this gate around each request, and a long-lived
/// request (the alert stream) lets it go once it no longer needs the store. A backend with a connection pool would not need it.
/// </remarks>
public sealed class StoreGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits for the store; dispose the lease to let it go (twice is harmless).</summary>
    public async Task<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Lease(_gate);
    }

    /// <summary>Lets the store go early for the rest of a request, as a streaming endpoint does.</summary>
    public static void Leave(HttpContext context)
    {
        if (context.Features.Get<Lease>() is { } lease)
        {
            lease.Dispose();
        }
    }

    /// <summary>A hold on the store.</summary>
    public sealed class Lease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}

/// <summary>Holds the <see cref="StoreGate"/> for the whole request.</summary>
internal sealed class StoreGateMiddleware(RequestDelegate next, StoreGate gate)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using var lease = await gate.EnterAsync(context.RequestAborted).ConfigureAwait(false);
        context.Features.Set(lease);
        await next(context).ConfigureAwait(false);
    }
}
