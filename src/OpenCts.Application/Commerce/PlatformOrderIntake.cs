using OpenCts.Ingestion.PlatformOrders;
using OpenCts.Storage;

namespace OpenCts.Application.Commerce;

/// <summary>What receiving a platform-order file did.</summary>
/// <param name="Source">The file or upload.</param>
/// <param name="Platform">The platform the file names, when it could be read.</param>
/// <param name="InFile">Orders the file holds.</param>
/// <param name="Accepted">Orders that were read well.</param>
/// <param name="Stored">Of those, how many were new (an order sent again unchanged is kept once).</param>
/// <param name="Errors">Each fault, naming the file, JSON path, line and column; the faulty order is not stored, the others are.</param>
public sealed record PlatformOrderReceipt(string Source, string? Platform, int InFile, int Accepted, int Stored, IReadOnlyList<PlatformOrderError> Errors);

/// <summary>Receives order records from e-commerce platforms (docs/platform-orders.md) and stores each good order, journaled.</summary>
public sealed class PlatformOrderIntake(ICtsStore store)
{
    /// <summary>Reads a file of orders and stores the good ones in one unit of work.</summary>
    public async Task<PlatformOrderReceipt> ReceiveAsync(Stream content, string source, CancellationToken cancellationToken)
    {
        var file = PlatformOrderReader.Read(content, source);
        var now = store.Clock.GetUtcNow();
        var stored = file.Orders.Count == 0
            ? 0
            : await store.Commerce.SaveOrdersAsync([.. file.Orders.Select(o => PlatformOrders.ToStored(o, now))], cancellationToken).ConfigureAwait(false);
        return new PlatformOrderReceipt(source, file.Platform, file.OrdersInFile, file.Orders.Count, stored, file.Errors);
    }
}
