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
    public static Consignment Read(JsonElement element, string path = "", ICollection<DataQualityFinding>? dropped = null)
    {
        // One reader a thread: it keeps its trail and its delegates from one consignment to the next.
        var reader = t_reader ??= new Reader();
        return reader.Consignment(element, path, dropped);
    }

    [ThreadStatic]
    private static Reader? t_reader;

    // Each kind of object's field names, made once: an object's fields are then found in one pass (JsonFieldNames).
    private static readonly JsonFieldNames ConsignmentFields = new("document", "direction", "mode", "carrier", "conveyance", "placeOfLoading", "placeOfDischarge", "finalDestination", "route", "departure", "estimatedArrival", "parties", "equipment", "goods", "provenance", "dataQuality");
    private static readonly JsonFieldNames FindingFields = new("path", "value", "rule", "message");
    private static readonly JsonFieldNames DocumentFields = new("number", "kind", "masterNumber");
    private static readonly JsonFieldNames CarrierFields = new("name", "code");
    private static readonly JsonFieldNames ConveyanceFields = new("vesselName", "imo", "voyage", "flightNumber", "vehicleRegistration");
    private static readonly JsonFieldNames PartyFields = new("role", "name", "address", "country", "identifiers", "phone", "email");
    private static readonly JsonFieldNames IdentifierFields = new("scheme", "value");
    private static readonly JsonFieldNames AddressFields = new("street", "city", "postcode", "country");
    private static readonly JsonFieldNames EquipmentFields = new("containerNumber", "sizeType", "seals");
    private static readonly JsonFieldNames GoodsFields = new("sequence", "hsCode", "description", "packages", "packageType", "grossMassKg", "netMassKg", "value", "origin", "containers");
    private static readonly JsonFieldNames MoneyFields = new("amount", "currency");
    private static readonly JsonFieldNames ProvenanceFields = new("sender", "messageId", "receivedAt", "version", "rawMessageId");

    /// <summary>Reads consignments one at a time, with the trail of where it is and where its findings go.</summary>
    private sealed class Reader
    {
        private readonly JsonTrail _trail = new();
        private readonly Func<JsonElement, Party> _party;
        private readonly Func<JsonElement, Equipment?> _equipment;
        private readonly Func<JsonElement, GoodsItem> _goods;
        private readonly Func<JsonElement, CountryCode?> _country;
        private readonly Func<JsonElement, DataQualityFinding> _finding;
        private readonly Func<JsonElement, PartyIdentifier> _identifier;
        private readonly Func<JsonElement, string> _text;
        private ICollection<DataQualityFinding>? _dropped;

        public Reader()
        {
            _party = ReadParty;
            _equipment = ReadEquipment;
            _goods = ReadGoods;
            _country = e => Assigned(e) ?? Country(JsonFields.AsString(e, _trail), null);
            _finding = ReadFinding;
            _identifier = ReadIdentifier;
            _text = e => JsonFields.AsString(e, _trail);
        }

        public Consignment Consignment(JsonElement element, string path, ICollection<DataQualityFinding>? dropped)
        {
            _trail.Restart(path);
            _dropped = dropped;
            var f = new JsonFields(element, _trail, ConsignmentFields);
            var document = ReadDocument(Enter("document", f.Required("document")));
            Leave();
            var direction = f.Enum<Direction>("direction") ?? throw new DomainException(f.At("direction"), "is required");
            var mode = f.Enum<TransportMode>("mode") ?? throw new DomainException(f.At("mode"), "is required");
            Carrier? carrier = null;
            if (f.Get("carrier") is { } c)
            {
                carrier = ReadCarrier(Enter("carrier", c));
                Leave();
            }
            Conveyance? conveyance = null;
            if (f.Get("conveyance") is { } v)
            {
                conveyance = ReadConveyance(Enter("conveyance", v));
                Leave();
            }
            var parties = f.List("parties", _party);
            var equipment = Present(f.List("equipment", _equipment));
            var goods = f.List("goods", _goods);
            var route = Countries(f.List("route", _country));
            var dataQuality = f.List("dataQuality", _finding);
            Provenance? provenance = null;
            if (f.Get("provenance") is { } pv)
            {
                provenance = ReadProvenance(Enter("provenance", pv));
                Leave();
            }
            var loading = Place(f, "placeOfLoading");
            var discharge = Place(f, "placeOfDischarge");
            var destination = Place(f, "finalDestination");
            var departure = f.Instant("departure");
            var arrival = f.Instant("estimatedArrival");
            try
            {
                return new Consignment(
                    document, direction, mode, parties, goods, carrier, conveyance, loading, discharge, destination,
                    route, departure, arrival, equipment, provenance, dataQuality);
            }
            catch (DomainException e)
            {
                throw Within(e, f);
            }
        }

        /// <summary>Goes into a field's object; the caller reads it and then leaves, back to where it was.</summary>
        private JsonElement Enter(string name, JsonElement value)
        {
            _trail.Enter(_trail.Depth, name);
            return value;
        }

        private void Leave() => _trail.Leave(_trail.Depth - 1);

        /// <summary>The model's own error, about a field of the object just read, put under that object's path.</summary>
        private static DomainException Within(DomainException e, in JsonFields f) => Within(e, f.Path);

        // The document, the carrier and the conveyance name their fields from the consignment (carrier.code), as every
        // format reports them: their errors go under the consignment's path, not their own.
        private static DomainException Within(DomainException e, string path) => path.Length == 0 ? e : e.Under(path);

        private DataQualityFinding ReadFinding(JsonElement e)
        {
            var f = new JsonFields(e, _trail, FindingFields);
            var path = f.RequiredString("path");
            var value = f.String("value");
            var rule = f.RequiredString("rule");
            var message = f.RequiredString("message");
            try
            {
                return new DataQualityFinding(path, value, rule, message);
            }
            catch (DomainException x)
            {
                throw Within(x, f);
            }
        }

        /// <summary>Leaves a value out with a finding when findings are collected; otherwise raises the error as before.</summary>
        private T? Drop<T>(string path, string? value, string rule, string error)
            where T : struct
        {
            if (_dropped is null)
            {
                throw new DomainException(path, error);
            }
            var root = _trail.Root;
            var relative = path.StartsWith(root, StringComparison.Ordinal) ? path[root.Length..].TrimStart('.') : path;
            _dropped.Add(new DataQualityFinding(relative, value, rule, error + "; the value is left out"));
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

        private UnLocode? Place(in JsonFields f, string name)
        {
            var text = f.String(name);
            if (text is null)
            {
                return null;
            }
            return UnLocode.TryParse(text, out var place, out var error) ? place : Drop<UnLocode>(f.At(name), text, DataQualityRules.PlaceUnknown, error);
        }

        /// <summary>The country of a field, read from the document's bytes when it is an assigned code as written.</summary>
        private CountryCode? Country(in JsonFields f, string name) =>
            (f.Get(name) is { } value ? Assigned(value) : null) ?? Country(f.String(name), name, f);

        /// <summary>An assigned country code as written, such as "CN", without making a string for it; null for anything else.</summary>
        private static CountryCode? Assigned(JsonElement e)
        {
            Span<char> chars = stackalloc char[2];
            return JsonFields.TryChars(e, chars, out var length) && length == 2 && CountryCode.TryAssigned(chars, out var assigned) ? assigned : null;
        }

        /// <summary>A country code; <paramref name="name"/> is its field in <paramref name="f"/>, or null for the list item the trail is at.</summary>
        private CountryCode? Country(string? text, string? name, in JsonFields f = default)
        {
            if (text is null)
            {
                return null;
            }
            return CountryCode.TryParse(text, out var country, out var error) ? country
                : Drop<CountryCode>(name is null ? _trail.Spell(_trail.Depth) : f.At(name), text, DataQualityRules.CountryUnknown, error);
        }

        private HsCode? Hs(string? text, in JsonFields f)
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
            return Drop<HsCode>(f.At("hsCode"), text, DataQualityRules.HsUnknown, error);
        }

        private TransportDocument ReadDocument(JsonElement e)
        {
            var f = new JsonFields(e, _trail, DocumentFields);
            var kind = f.Enum<TransportDocumentKind>("kind") ?? throw new DomainException(f.At("kind"), "is required");
            var number = f.RequiredString("number");
            var master = f.String("masterNumber");
            try
            {
                return new TransportDocument(number, kind, master);
            }
            catch (DomainException x)
            {
                throw Within(x, _trail.Root);
            }
        }

        private Carrier ReadCarrier(JsonElement e)
        {
            var f = new JsonFields(e, _trail, CarrierFields);
            var name = f.RequiredString("name");
            var code = f.String("code");
            try
            {
                return new Carrier(name, code);
            }
            catch (DomainException x)
            {
                throw Within(x, _trail.Root);
            }
        }

        private Conveyance ReadConveyance(JsonElement e)
        {
            var f = new JsonFields(e, _trail, ConveyanceFields);
            var imoText = f.String("imo");
            ImoNumber? imo = imoText is null ? null
                : ImoNumber.TryParseUnchecked(imoText, out var parsed, out var error) ? parsed : Drop<ImoNumber>(f.At("imo"), imoText, DataQualityRules.ImoCheckDigit, error);
            var vessel = f.String("vesselName");
            var voyage = f.String("voyage");
            var flight = f.String("flightNumber");
            var vehicle = f.String("vehicleRegistration");
            try
            {
                return new Conveyance(vessel, imo, voyage, flight, vehicle);
            }
            catch (DomainException x)
            {
                throw Within(x, _trail.Root);
            }
        }

        private Party ReadParty(JsonElement e)
        {
            var f = new JsonFields(e, _trail, PartyFields);
            var role = f.Enum<PartyRole>("role") ?? throw new DomainException(f.At("role"), "is required");
            Address? address = null;
            if (f.Get("address") is { } a)
            {
                address = ReadAddress(Enter("address", a));
                Leave();
            }
            var identifiers = f.List("identifiers", _identifier);
            var name = f.RequiredString("name");
            var country = Country(f, "country");
            var phone = f.String("phone");
            var email = f.String("email");
            try
            {
                return new Party(role, name, address, country, identifiers, phone, email);
            }
            catch (DomainException x)
            {
                throw Within(x, f);
            }
        }

        private PartyIdentifier ReadIdentifier(JsonElement e)
        {
            var f = new JsonFields(e, _trail, IdentifierFields);
            var scheme = f.RequiredString("scheme");
            var value = f.RequiredString("value");
            try
            {
                return new PartyIdentifier(scheme, value);
            }
            catch (DomainException x)
            {
                throw Within(x, f);
            }
        }

        private Address ReadAddress(JsonElement e)
        {
            var f = new JsonFields(e, _trail, AddressFields);
            var street = f.String("street");
            var city = f.String("city");
            var postcode = f.String("postcode");
            var country = Country(f, "country");
            try
            {
                return new Address(street, city, postcode, country);
            }
            catch (DomainException x)
            {
                throw Within(x, f);
            }
        }

        private Equipment? ReadEquipment(JsonElement e)
        {
            var f = new JsonFields(e, _trail, EquipmentFields);
            var text = f.RequiredString("containerNumber");
            if (!ContainerNumber.TryParseUnchecked(text, out var number, out var error))
            {
                // A container that is no ISO 6346 number cannot be kept as equipment; the finding keeps what was written.
                Drop<ContainerNumber>(f.At("containerNumber"), text, DataQualityRules.ContainerCheckDigit, error);
                return null;
            }
            var sizeType = f.String("sizeType");
            var seals = f.List("seals", _text);
            try
            {
                return new Equipment(number.Value, sizeType, seals);
            }
            catch (DomainException x)
            {
                throw Within(x, f);
            }
        }

        private GoodsItem ReadGoods(JsonElement e)
        {
            var f = new JsonFields(e, _trail, GoodsFields);
            Money? value = null;
            if (f.Get("value") is { } m)
            {
                value = ReadMoney(Enter("value", m));
                Leave();
            }
            var sequence = f.Int("sequence") ?? throw new DomainException(f.At("sequence"), "is required");
            var hs = Hs(f.String("hsCode"), f);
            var description = f.String("description");
            var packages = f.Int("packages") ?? 0;
            var packageType = f.String("packageType");
            var gross = f.Decimal("grossMassKg") ?? throw new DomainException(f.At("grossMassKg"), "is required");
            var net = f.Decimal("netMassKg");
            var origin = Country(f, "origin");
            var containers = f.List("containers", _text);
            try
            {
                return new GoodsItem(sequence, hs, description, packages, packageType, gross, net, value, origin, containers);
            }
            catch (DomainException x)
            {
                throw Within(x, f);
            }
        }

        private Money? ReadMoney(JsonElement e)
        {
            var f = new JsonFields(e, _trail, MoneyFields);
            var amount = f.Decimal("amount") ?? throw new DomainException(f.At("amount"), "is required");
            var currencyText = f.RequiredString("currency");
            CurrencyCode? currency = CurrencyCode.TryParseUnchecked(currencyText, out var c) ? c
                : Drop<CurrencyCode>(f.At("currency"), currencyText, DataQualityRules.CurrencyUnknown, $"currency '{currencyText}' is not an ISO 4217 code");
            if (currency is null)
            {
                return null;
            }
            try
            {
                return new Money(amount, currency.Value);
            }
            catch (DomainException x)
            {
                throw Within(x, f);
            }
        }

        private Provenance ReadProvenance(JsonElement e)
        {
            var f = new JsonFields(e, _trail, ProvenanceFields);
            long? raw = f.Get("rawMessageId") is { } r && r.TryGetInt64(out var id) ? id : null;
            var sender = f.RequiredString("sender");
            var messageId = f.RequiredString("messageId");
            var receivedAt = f.Instant("receivedAt") ?? default;
            var version = f.Int("version") ?? 1;
            try
            {
                return new Provenance(sender, messageId, receivedAt, version, raw);
            }
            catch (DomainException x)
            {
                throw Within(x, f);
            }
        }
    }
}
