using System.Text.Json;
using OpenCts.Domain.Consignments;

namespace OpenCts.Domain.Serialization;

/// <summary>Writes consignments as OpenCTS JSON, the shape <see cref="ConsignmentJsonReader"/> reads.</summary>
public static class ConsignmentJsonWriter
{
    public static byte[] ToUtf8Bytes(Consignment consignment, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            Write(writer, consignment);
        }
        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter w, Consignment c)
    {
        w.WriteStartObject();
        w.WriteStartObject("document");
        w.WriteString("number", c.Document.Number);
        w.WriteString("kind", JsonNames.Of(c.Document.Kind));
        Optional(w, "masterNumber", c.Document.MasterNumber);
        w.WriteEndObject();
        w.WriteString("direction", JsonNames.Of(c.Direction));
        w.WriteString("mode", JsonNames.Of(c.Mode));
        if (c.Carrier is { } carrier)
        {
            w.WriteStartObject("carrier");
            w.WriteString("name", carrier.Name);
            Optional(w, "code", carrier.Code);
            w.WriteEndObject();
        }
        if (c.Conveyance is { } v)
        {
            w.WriteStartObject("conveyance");
            Optional(w, "vesselName", v.VesselName);
            Optional(w, "imo", v.Imo?.Value);
            Optional(w, "voyage", v.Voyage);
            Optional(w, "flightNumber", v.FlightNumber);
            Optional(w, "vehicleRegistration", v.VehicleRegistration);
            w.WriteEndObject();
        }
        Optional(w, "placeOfLoading", c.PlaceOfLoading?.Value);
        Optional(w, "placeOfDischarge", c.PlaceOfDischarge?.Value);
        Optional(w, "finalDestination", c.FinalDestination?.Value);
        if (c.Route.Count > 0)
        {
            w.WriteStartArray("route");
            foreach (var country in c.Route)
            {
                w.WriteStringValue(country.Value);
            }
            w.WriteEndArray();
        }
        if (c.Departure is { } d)
        {
            w.WriteString("departure", d);
        }
        if (c.EstimatedArrival is { } a)
        {
            w.WriteString("estimatedArrival", a);
        }
        w.WriteStartArray("parties");
        foreach (var p in c.Parties)
        {
            WriteParty(w, p);
        }
        w.WriteEndArray();
        if (c.Equipment.Count > 0)
        {
            w.WriteStartArray("equipment");
            foreach (var e in c.Equipment)
            {
                w.WriteStartObject();
                w.WriteString("containerNumber", e.ContainerNumber.Value);
                Optional(w, "sizeType", e.SizeType);
                Strings(w, "seals", e.Seals);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteStartArray("goods");
        foreach (var g in c.Goods)
        {
            WriteGoods(w, g);
        }
        w.WriteEndArray();
        if (c.Provenance is { } pv)
        {
            w.WriteStartObject("provenance");
            w.WriteString("sender", pv.Sender);
            w.WriteString("messageId", pv.MessageId);
            w.WriteString("receivedAt", pv.ReceivedAt);
            w.WriteNumber("version", pv.Version);
            if (pv.RawMessageId is { } raw)
            {
                w.WriteNumber("rawMessageId", raw);
            }
            w.WriteEndObject();
        }
        if (c.DataQuality.Count > 0)
        {
            w.WriteStartArray("dataQuality");
            foreach (var finding in c.DataQuality)
            {
                w.WriteStartObject();
                w.WriteString("path", finding.Path);
                Optional(w, "value", finding.Value);
                w.WriteString("rule", finding.Rule);
                w.WriteString("message", finding.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteParty(Utf8JsonWriter w, Party p)
    {
        w.WriteStartObject();
        w.WriteString("role", JsonNames.Of(p.Role));
        w.WriteString("name", p.Name);
        if (p.Address is { } a)
        {
            w.WriteStartObject("address");
            Optional(w, "street", a.Street);
            Optional(w, "city", a.City);
            Optional(w, "postcode", a.Postcode);
            Optional(w, "country", a.Country?.Value);
            w.WriteEndObject();
        }
        Optional(w, "country", p.Country?.Value);
        if (p.Identifiers.Count > 0)
        {
            w.WriteStartArray("identifiers");
            foreach (var id in p.Identifiers)
            {
                w.WriteStartObject();
                w.WriteString("scheme", id.Scheme);
                w.WriteString("value", id.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        Optional(w, "phone", p.Phone);
        Optional(w, "email", p.Email);
        w.WriteEndObject();
    }

    private static void WriteGoods(Utf8JsonWriter w, GoodsItem g)
    {
        w.WriteStartObject();
        w.WriteNumber("sequence", g.Sequence);
        Optional(w, "hsCode", g.HsCode?.Value);
        w.WriteString("description", g.Description);
        w.WriteNumber("packages", g.Packages);
        Optional(w, "packageType", g.PackageType);
        w.WriteNumber("grossMassKg", g.GrossMassKg);
        if (g.NetMassKg is { } net)
        {
            w.WriteNumber("netMassKg", net);
        }
        if (g.Value is { } value)
        {
            w.WriteStartObject("value");
            w.WriteNumber("amount", value.Amount);
            w.WriteString("currency", value.Currency.Value);
            w.WriteEndObject();
        }
        Optional(w, "origin", g.Origin?.Value);
        Strings(w, "containers", g.Containers);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, Common.ValueList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }
        w.WriteStartArray(name);
        foreach (var s in values)
        {
            w.WriteStringValue(s);
        }
        w.WriteEndArray();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
