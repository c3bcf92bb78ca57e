using System.Text.Json;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Domain.Serialization;

/// <summary>Reads consignments from OpenCTS JSON (the shape in <c>docs/consignment.schema.json</c>).</summary>
/// <remarks>Every error is a <see cref="DomainException"/> whose field is the JSON path, such as <c>consignments[3].goods[1].hsCode</c>.</remarks>
public static class ConsignmentJsonReader
{
    public static Consignment Read(JsonElement element, string path = "")
    {
        var f = new JsonFields(element, path,
            "document", "direction", "mode", "carrier", "conveyance", "placeOfLoading", "placeOfDischarge", "finalDestination",
            "route", "departure", "estimatedArrival", "parties", "equipment", "goods", "provenance");
        var document = JsonFields.Wrap(f.At("document"), () => ReadDocument(f.Required("document"), f.At("document")));
        var direction = f.Enum<Direction>("direction") ?? throw new DomainException(f.At("direction"), "is required");
        var mode = f.Enum<TransportMode>("mode") ?? throw new DomainException(f.At("mode"), "is required");
        var carrier = f.Get("carrier") is { } c ? JsonFields.Wrap(f.At("carrier"), () => ReadCarrier(c, f.At("carrier"))) : null;
        var conveyance = f.Get("conveyance") is { } v ? JsonFields.Wrap(f.At("conveyance"), () => ReadConveyance(v, f.At("conveyance"))) : null;
        var parties = f.List("parties", ReadParty);
        var equipment = f.List("equipment", ReadEquipment);
        var goods = f.List("goods", ReadGoods);
        var route = f.List("route", (e, p) => CountryCode.Parse(JsonFields.AsString(e, p), p));
        var provenance = f.Get("provenance") is { } pv ? JsonFields.Wrap(f.At("provenance"), () => ReadProvenance(pv, f.At("provenance"))) : null;
        return JsonFields.Wrap(path, () => new Consignment(
            document,
            direction,
            mode,
            parties,
            goods,
            carrier,
            conveyance,
            f.Parse("placeOfLoading", UnLocode.Parse),
            f.Parse("placeOfDischarge", UnLocode.Parse),
            f.Parse("finalDestination", UnLocode.Parse),
            route,
            f.Instant("departure"),
            f.Instant("estimatedArrival"),
            equipment,
            provenance));
    }

    private static TransportDocument ReadDocument(JsonElement e, string path)
    {
        var f = new JsonFields(e, path, "number", "kind", "masterNumber");
        var kind = f.Enum<TransportDocumentKind>("kind") ?? throw new DomainException(f.At("kind"), "is required");
        return new TransportDocument(f.RequiredString("number"), kind, f.String("masterNumber"));
    }

    private static Carrier ReadCarrier(JsonElement e, string path)
    {
        var f = new JsonFields(e, path, "name", "code");
        return new Carrier(f.RequiredString("name"), f.String("code"));
    }

    private static Conveyance ReadConveyance(JsonElement e, string path)
    {
        var f = new JsonFields(e, path, "vesselName", "imo", "voyage", "flightNumber", "vehicleRegistration");
        return new Conveyance(f.String("vesselName"), f.Parse("imo", ImoNumber.Parse), f.String("voyage"), f.String("flightNumber"), f.String("vehicleRegistration"));
    }

    private static Party ReadParty(JsonElement e, string path)
    {
        var f = new JsonFields(e, path, "role", "name", "address", "country", "identifiers", "phone", "email");
        var role = f.Enum<PartyRole>("role") ?? throw new DomainException(f.At("role"), "is required");
        var address = f.Get("address") is { } a ? JsonFields.Wrap(f.At("address"), () => ReadAddress(a, f.At("address"))) : null;
        var identifiers = f.List("identifiers", (i, p) =>
        {
            var fi = new JsonFields(i, p, "scheme", "value");
            return new PartyIdentifier(fi.RequiredString("scheme"), fi.RequiredString("value"));
        });
        return new Party(role, f.RequiredString("name"), address, f.Parse("country", CountryCode.Parse), identifiers, f.String("phone"), f.String("email"));
    }

    private static Address ReadAddress(JsonElement e, string path)
    {
        var f = new JsonFields(e, path, "street", "city", "postcode", "country");
        return new Address(f.String("street"), f.String("city"), f.String("postcode"), f.Parse("country", CountryCode.Parse));
    }

    private static Equipment ReadEquipment(JsonElement e, string path)
    {
        var f = new JsonFields(e, path, "containerNumber", "sizeType", "seals");
        var number = ContainerNumber.Parse(f.RequiredString("containerNumber"), f.At("containerNumber"));
        return new Equipment(number, f.String("sizeType"), f.List("seals", JsonFields.AsString));
    }

    private static GoodsItem ReadGoods(JsonElement e, string path)
    {
        var f = new JsonFields(e, path, "sequence", "hsCode", "description", "packages", "packageType", "grossMassKg", "netMassKg", "value", "origin", "containers");
        Money? value = null;
        if (f.Get("value") is { } m)
        {
            var fm = new JsonFields(m, f.At("value"), "amount", "currency");
            var amount = fm.Decimal("amount") ?? throw new DomainException(fm.At("amount"), "is required");
            var currency = CurrencyCode.Parse(fm.RequiredString("currency"), fm.At("currency"));
            value = JsonFields.Wrap(f.At("value"), () => new Money(amount, currency));
        }
        return new GoodsItem(
            f.Int("sequence") ?? throw new DomainException(f.At("sequence"), "is required"),
            f.Parse("hsCode", HsCode.Parse),
            f.RequiredString("description"),
            f.Int("packages") ?? 0,
            f.String("packageType"),
            f.Decimal("grossMassKg") ?? throw new DomainException(f.At("grossMassKg"), "is required"),
            f.Decimal("netMassKg"),
            value,
            f.Parse("origin", CountryCode.Parse),
            f.List("containers", JsonFields.AsString));
    }

    private static Provenance ReadProvenance(JsonElement e, string path)
    {
        var f = new JsonFields(e, path, "sender", "messageId", "receivedAt", "version", "rawMessageId");
        long? raw = f.Get("rawMessageId") is { } r && r.TryGetInt64(out var id) ? id : null;
        return new Provenance(f.RequiredString("sender"), f.RequiredString("messageId"), f.Instant("receivedAt") ?? default, f.Int("version") ?? 1, raw);
    }
}
