using System.Globalization;
using System.Text.Json;
using OpenCts.Domain.Commerce;
using OpenCts.Domain.Consignments;

namespace OpenCts.Ingestion.PlatformOrders;

/// <summary>Writes platform orders in the format <see cref="PlatformOrderReader"/> reads (<c>docs/platform-orders.md</c>).</summary>
/// <remarks>Reading what it writes gives the same orders; the sample generator and the tests rely on that.</remarks>
public static class PlatformOrderWriter
{
    /// <summary>Writes one file of orders shared by <paramref name="platform"/>.</summary>
    public static void Write(Stream stream, string platform, IEnumerable<PlatformOrder> orders, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(orders);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        w.WriteStartObject();
        w.WriteString("platform", platform);
        w.WriteStartArray("orders");
        foreach (var order in orders)
        {
            WriteOrder(w, order);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteOrder(Utf8JsonWriter w, PlatformOrder order)
    {
        w.WriteStartObject();
        w.WriteString("orderNumber", order.OrderNumber);
        w.WriteString("orderDate", order.OrderDate.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture));
        w.WritePropertyName("seller");
        WriteParty(w, order.Seller);
        w.WritePropertyName("buyer");
        WriteParty(w, order.Buyer);
        w.WriteStartArray("items");
        foreach (var item in order.Items)
        {
            w.WriteStartObject();
            w.WriteString("description", item.Description);
            w.WriteNumber("quantity", item.Quantity);
            w.WriteNumber("unitPrice", item.UnitPrice.Amount);
            if (item.HsCode is { } hs)
            {
                w.WriteString("hs", hs.Value);
            }
            if (item.Brand is { } brand)
            {
                w.WriteString("brand", brand);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("pricePaid", order.PricePaid.Amount);
        if (order.ShippingCost is { } shipping)
        {
            w.WriteNumber("shippingCost", shipping.Amount);
        }
        w.WriteString("currency", order.Currency.Value);
        w.WriteString("trackingNumber", order.TrackingNumber);
        w.WriteEndObject();
    }

    private static void WriteParty(Utf8JsonWriter w, Party party)
    {
        w.WriteStartObject();
        w.WriteString("name", party.Name);
        if (party.Address is { } a)
        {
            w.WriteStartObject("address");
            Optional(w, "street", a.Street);
            Optional(w, "city", a.City);
            Optional(w, "postcode", a.Postcode);
            Optional(w, "country", a.Country?.Value);
            w.WriteEndObject();
        }
        Optional(w, "email", party.Email);
        Optional(w, "phone", party.Phone);
        if (party.Identifiers.Count > 0)
        {
            w.WriteStartArray("identifiers");
            foreach (var id in party.Identifiers)
            {
                w.WriteStartObject();
                w.WriteString("scheme", id.Scheme);
                w.WriteString("value", id.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
