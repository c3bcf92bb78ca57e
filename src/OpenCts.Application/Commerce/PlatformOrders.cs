using System.Text;
using OpenCts.Domain.Commerce;
using OpenCts.Ingestion.PlatformOrders;
using OpenCts.Storage.Commerce;

namespace OpenCts.Application.Commerce;

/// <summary>Platform orders as the store keeps them: each one alone in the platform-order layout, so that it reads back with the same reader.</summary>
public static class PlatformOrders
{
    /// <summary>The stored form of one order.</summary>
    public static StoredPlatformOrder ToStored(PlatformOrder order, DateTimeOffset receivedAt)
    {
        using var body = new MemoryStream();
        PlatformOrderWriter.Write(body, order.Platform, [order], indented: false);
        return new StoredPlatformOrder(0, order.Platform, order.OrderNumber, order.TrackingNumber, Encoding.UTF8.GetString(body.ToArray()), receivedAt);
    }

    /// <summary>The order a stored row holds.</summary>
    /// <exception cref="InvalidDataException">The stored body no longer reads as one order (it was written by this class, so this means damage).</exception>
    public static PlatformOrder FromStored(StoredPlatformOrder stored)
    {
        var file = PlatformOrderReader.Read(Encoding.UTF8.GetBytes(stored.Body), $"platform order {stored.Id}");
        return file.Orders.Count == 1 && file.IsClean
            ? file.Orders[0]
            : throw new InvalidDataException($"platform order {stored.Id} ({stored.Platform} {stored.OrderNumber}) does not read back: {string.Join("; ", file.Errors)}");
    }

    /// <summary>The latest order of each tracking number.</summary>
    public static IReadOnlyDictionary<string, PlatformOrder> ByTracking(IEnumerable<StoredPlatformOrder> stored)
    {
        var result = new Dictionary<string, PlatformOrder>(StringComparer.Ordinal);
        foreach (var row in stored.OrderBy(o => o.Id))
        {
            result[row.TrackingNumber] = FromStored(row);
        }
        return result;
    }
}
