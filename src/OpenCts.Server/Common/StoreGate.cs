using Microsoft.AspNetCore.Http;

namespace OpenCts.Server.Common;

/// <summary>Lets one request (or the background assessment) use the store at a time.</summary>
/// <remarks>
/// It was needed while the embedded store read and wrote on one SQLite connection, which cannot read beside its own open
/// write transaction. The store now reads on a connection per thread beside its one writer, so the gate only serialises
/// requests; it stays until a load test shows the server correct without it. A long-lived request (the alert stream)
/// lets it go once it no longer needs the store.
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
