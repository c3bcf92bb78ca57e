using System.Text.Json;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Domain.Serialization;

/// <summary>Reads consignments from OpenCTS JSON (the shape in <c>docs/consignment.schema.json</c>).</summary>
/// <remarks>
/// Every error is a <see cref="DomainException"/> whose field is the JSON path, such as <c>consignments[3].goods[1].hsCode</c>.
/// Values the model keeps as given though they are wrong (an HS code the nomenclature lacks, a container whose check
/// digit fails) are always read. Values it cannot hold at all (an HS code of letters, a place that is no UN/LOCODE) are
/// errors, unless a list of findings is passed: then the value is left out and a <see cref="DataQualityFinding"/> says so.
/// </remarks>
public static class ConsignmentJsonReader
{
    /// <summary>Reads one consignment.</summary>
    /// <param name="element">The consignment's JSON object.</param>
    /// <param name="path">The object's JSON path, put before every error's field.</param>
    /// <param name="dropped">When given, receives a finding for each value left out instead of raising an error; paths are relative to the consignment.</param>
    public static Consignment Read(JsonElement element, string path = "", ICollection<DataQualityFinding>? dropped = null) =>
        new Reader(path, dropped).Consignment(element, path);

    /// <summary>Reads one consignment, with where its findings go.</summary>
    private sealed class Reader(string root, ICollection<DataQualityFinding>? dropped)
    {
        public Consignment Consignment(JsonElement element, string path)
        {
            var f = new JsonFields(element, path,
                "document", "direction", "mode", "carrier", "conveyance", "placeOfLoading", "placeOfDischarge", "finalDestination",
                "route", "departure", "estimatedArrival", "parties", "equipment", "goods", "provenance", "dataQuality");
            var document = JsonFields.Wrap(f.At("document"), () => ReadDocument(f.Required("document"), f.At("document")));
            var direction = f.Enum<Direction>("direction") ?? throw new DomainException(f.At("direction"), "is required");
            var mode = f.Enum<TransportMode>("mode") ?? throw new DomainException(f.At("mode"), "is required");
            var carrier = f.Get("carrier") is { } c ? JsonFields.Wrap(f.At("carrier"), () => ReadCarrier(c, f.At("carrier"))) : null;
            var conveyance = f.Get("conveyance") is { } v ? JsonFields.Wrap(f.At("conveyance"), () => ReadConveyance(v, f.At("conveyance"))) : null;
            var parties = f.List("parties", ReadParty);
            var equipment = Present(f.List("equipment", ReadEquipment));
            var goods = f.List("goods", ReadGoods);
            var route = Countries(f.List("route", (e, p) => Country(JsonFields.AsString(e, p), p)));
            var dataQuality = f.List("dataQuality", ReadFinding);
            var provenance = f.Get("provenance") is { } pv ? JsonFields.Wrap(f.At("provenance"), () => ReadProvenance(pv, f.At("provenance"))) : null;
            return JsonFields.Wrap(path, () => new Consignment(
                document,
                direction,
                mode,
                parties,
                goods,
                carrier,
                conveyance,
                Place(f, "placeOfLoading"),
                Place(f, "placeOfDischarge"),
                Place(f, "finalDestination"),
                route,
                f.Instant("departure"),
                f.Instant("estimatedArrival"),
                equipment,
                provenance,
                dataQuality));
        }

        private DataQualityFinding ReadFinding(JsonElement e, string path)
        {
            var f = new JsonFields(e, path, "path", "value", "rule", "message");
            return new DataQualityFinding(f.RequiredString("path"), f.String("value"), f.RequiredString("rule"), f.RequiredString("message"));
        }

        /// <summary>Leaves a value out with a finding when findings are collected; otherwise raises the error as before.</summary>
        private T? Drop<T>(string path, string? value, string rule, string error)
            where T : struct
        {
            if (dropped is null)
            {
                throw new DomainException(path, error);
            }
            var relative = path.StartsWith(root, StringComparison.Ordinal) ? path[root.Length..].TrimStart('.') : path;
            dropped.Add(new DataQualityFinding(relative, value, rule, error + "; the value is left out"));
            return null;
        }

        private static ValueList<CountryCode> Countries(ValueList<CountryCode?> items)
        {
            var kept = new List<CountryCode>(items.Count);
            foreach (var item in items)
            {
                if (item is { } v)
                {
                    kept.Add(v);
                }
            }
            return new ValueList<CountryCode>(kept);
        }

        private static ValueList<T> Present<T>(ValueList<T?> items)
            where T : class
        {
            var kept = new List<T>(items.Count);
            foreach (var item in items)
            {
                if (item is not null)
                {
                    kept.Add(item);
                }
            }
            return new ValueList<T>(kept);
        }

        private UnLocode? Place(JsonFields f, string name)
        {
            var text = f.String(name);
            if (text is null)
            {
                return null;
            }
            return UnLocode.TryParse(text, out var place, out var error) ? place : Drop<UnLocode>(f.At(name), text, DataQualityRules.PlaceUnknown, error);
        }

        private CountryCode? Country(string? text, string path)
        {
            if (text is null)
            {
                return null;
            }
            return CountryCode.TryParse(text, out var country, out var error) ? country : Drop<CountryCode>(path, text, DataQualityRules.CountryUnknown, error);
        }

        private HsCode? Hs(string? text, string path)
        {
            if (text is null)
            {
                return null;
            }
            if (HsCode.TryParseUnchecked(text, out var code))
            {
                return code;
            }
            HsCode.TryParse(text, out _, out var error);
            return Drop<HsCode>(path, text, DataQualityRules.HsUnknown, error);
        }

        private TransportDocument ReadDocument(JsonElement e, string path)
        {
            var f = new JsonFields(e, path, "number", "kind", "masterNumber");
            var kind = f.Enum<TransportDocumentKind>("kind") ?? throw new DomainException(f.At("kind"), "is required");
            return new TransportDocument(f.RequiredString("number"), kind, f.String("masterNumber"));
        }

        private Carrier ReadCarrier(JsonElement e, string path)
        {
            var f = new JsonFields(e, path, "name", "code");
            return new Carrier(f.RequiredString("name"), f.String("code"));
        }

        private Conveyance ReadConveyance(JsonElement e, string path)
        {
            var f = new JsonFields(e, path, "vesselName", "imo", "voyage", "flightNumber", "vehicleRegistration");
            var imoText = f.String("imo");
            ImoNumber? imo = imoText is null ? null
                : ImoNumber.TryParseUnchecked(imoText, out var parsed, out var error) ? parsed : Drop<ImoNumber>(f.At("imo"), imoText, DataQualityRules.ImoCheckDigit, error);
            return new Conveyance(f.String("vesselName"), imo, f.String("voyage"), f.String("flightNumber"), f.String("vehicleRegistration"));
        }

        private Party ReadParty(JsonElement e, string path)
        {
            var f = new JsonFields(e, path, "role", "name", "address", "country", "identifiers", "phone", "email");
            var role = f.Enum<PartyRole>("role") ?? throw new DomainException(f.At("role"), "is required");
            var address = f.Get("address") is { } a ? JsonFields.Wrap(f.At("address"), () => ReadAddress(a, f.At("address"))) : null;
            var identifiers = f.List("identifiers", (i, p) =>
            {
                var fi = new JsonFields(i, p, "scheme", "value");
                return new PartyIdentifier(fi.RequiredString("scheme"), fi.RequiredString("value"));
            });
            return new Party(role, f.RequiredString("name"), address, Country(f.String("country"), f.At("country")), identifiers, f.String("phone"), f.String("email"));
        }

        private Address ReadAddress(JsonElement e, string path)
        {
            var f = new JsonFields(e, path, "street", "city", "postcode", "country");
            return new Address(f.String("street"), f.String("city"), f.String("postcode"), Country(f.String("country"), f.At("country")));
        }

        private Equipment? ReadEquipment(JsonElement e, string path)
        {
            var f = new JsonFields(e, path, "containerNumber", "sizeType", "seals");
            var text = f.RequiredString("containerNumber");
            if (!ContainerNumber.TryParseUnchecked(text, out var number, out var error))
            {
                // A container that is no ISO 6346 number cannot be kept as equipment; the finding keeps what was written.
                Drop<ContainerNumber>(f.At("containerNumber"), text, DataQualityRules.ContainerCheckDigit, error);
                return null;
            }
            return new Equipment(number.Value, f.String("sizeType"), f.List("seals", JsonFields.AsString));
        }

        private GoodsItem ReadGoods(JsonElement e, string path)
        {
            var f = new JsonFields(e, path, "sequence", "hsCode", "description", "packages", "packageType", "grossMassKg", "netMassKg", "value", "origin", "containers");
            Money? value = null;
            if (f.Get("value") is { } m)
            {
                var fm = new JsonFields(m, f.At("value"), "amount", "currency");
                var amount = fm.Decimal("amount") ?? throw new DomainException(fm.At("amount"), "is required");
                var currencyText = fm.RequiredString("currency");
                CurrencyCode? currency = CurrencyCode.TryParseUnchecked(currencyText, out var c) ? c
                    : Drop<CurrencyCode>(fm.At("currency"), currencyText, DataQualityRules.CurrencyUnknown, $"currency '{currencyText}' is not an ISO 4217 code");
                value = currency is null ? null : JsonFields.Wrap(f.At("value"), () => new Money(amount, currency.Value));
            }
            return new GoodsItem(
                f.Int("sequence") ?? throw new DomainException(f.At("sequence"), "is required"),
                Hs(f.String("hsCode"), f.At("hsCode")),
                f.String("description"),
                f.Int("packages") ?? 0,
                f.String("packageType"),
                f.Decimal("grossMassKg") ?? throw new DomainException(f.At("grossMassKg"), "is required"),
                f.Decimal("netMassKg"),
                value,
                Country(f.String("origin"), f.At("origin")),
                f.List("containers", JsonFields.AsString));
        }

        private Provenance ReadProvenance(JsonElement e, string path)
        {
            var f = new JsonFields(e, path, "sender", "messageId", "receivedAt", "version", "rawMessageId");
            long? raw = f.Get("rawMessageId") is { } r && r.TryGetInt64(out var id) ? id : null;
            return new Provenance(f.RequiredString("sender"), f.RequiredString("messageId"), f.Instant("receivedAt") ?? default, f.Int("version") ?? 1, raw);
        }
    }
}
