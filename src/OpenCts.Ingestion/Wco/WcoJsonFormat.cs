using System.Text;
using System.Text.Json;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Json;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Quality;

namespace OpenCts.Ingestion.Wco;

/// <summary>WCO Data Model cargo reports in JSON: a <c>Declaration</c> (or an array of them), each a message of consignments.</summary>
/// <remarks>
/// Class and attribute names follow the WCO Data Model (Declaration, Consignment, TransportContractDocument, Consignor,
/// ConsignmentItem, Commodity, Classification, GoodsMeasure, TransportEquipment ...); <c>docs/formats.md</c> lists the
/// mapping. <see cref="WcoJsonWriter"/> writes the same shape.
/// </remarks>
public sealed class WcoJsonFormat : IMessageFormat
{
    private const string Format = "wco-json";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public string Name => Format;

    public bool Recognises(string fileName, ReadOnlySpan<byte> head)
    {
        return JsonHead.OpensObject(head, skipByteOrderMark: true) && head.IndexOf("\"Declaration\""u8) >= 0;
    }

    public IReadOnlyList<ParsedMessage> Parse(string fileName, ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (JsonSyntax.FirstInvalidUtf8(content.Span) is { } bad)
        {
            var (where, why) = JsonSyntax.NotUtf8(fileName, content.Span, bad);
            return [Rejected(content, fileName, where, why)];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, Options);
        }
        catch (JsonException e)
        {
            var where = $"{fileName}: line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}";
            return [Rejected(content, fileName, where, JsonSyntax.Describe(e))];
        }
        using (document)
        {
            try
            {
                return Read(document.RootElement, fileName, content, receivedAt, cancellationToken);
            }
            catch (InvalidOperationException) when (JsonEscapes.FirstLoneSurrogate(content.Span, Options) is { } at)
            {
                // A name or text with an escape that is no character, met where it is compared or read.
                var (where, why) = JsonSyntax.NotACharacter(fileName, content.Span, at);
                return [Rejected(content, fileName, where, why)];
            }
        }
    }

    private static IReadOnlyList<ParsedMessage> Read(JsonElement root, string fileName, ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Declaration", out var declarations))
        {
            return [Rejected(content, fileName, $"{fileName}: $", "expected an object with a Declaration (the WCO Data Model's message class)")];
        }
        if (declarations.ValueKind != JsonValueKind.Array)
        {
            return [Read(declarations, "$.Declaration", content, fileName, receivedAt, cancellationToken)];
        }
        var messages = new List<ParsedMessage>();
        var i = 0;
        foreach (var declaration in declarations.EnumerateArray())
        {
            var raw = Encoding.UTF8.GetBytes(declaration.GetRawText());
            messages.Add(Read(declaration, $"$.Declaration[{i++}]", raw, fileName, receivedAt, cancellationToken));
        }
        return messages.Count > 0 ? messages : [Rejected(content, fileName, $"{fileName}: $.Declaration", "the array holds no declaration")];
    }

    private static ParsedMessage Read(JsonElement element, string path, ReadOnlyMemory<byte> raw, string fileName, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        string? sender = null;
        string? messageId = null;
        try
        {
            var registry = new List<WcoObject>();
            var d = new WcoObject(element, path, registry);
            messageId = d.RequiredString("FunctionalReferenceID");
            sender = d.Object("Submitter")?.RequiredString("ID") ?? throw new DomainException(d.At("Submitter.ID"), "is required");
            d.Get("IssueDateTime");
            var function = d.String("FunctionCode") switch
            {
                null or "9" or "5" or "4" => MessageFunction.Original,
                "1" => MessageFunction.Cancellation,
                var other => throw new DomainException(d.At("FunctionCode"), $"'{other}' is not a message function OpenCTS reads; expected 9 (original), 5 (replacement), 4 (change) or 1 (cancellation)"),
            };
            var typeCode = d.String("TypeCode");
            var direction = typeCode is null ? Direction.Import : WcoCodes.DirectionOf(typeCode)
                ?? throw new DomainException(d.At("TypeCode"), $"'{typeCode}' is not a direction; expected IM, EX, TR or TS");
            var provenance = new Provenance(sender, messageId, receivedAt);
            var consignments = new List<Consignment>();
            var cancelled = new List<string>();
            foreach (var c in d.Objects("Consignment"))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (function == MessageFunction.Cancellation)
                {
                    cancelled.Add(WcoConsignmentReader.Document(c).Key);
                }
                else
                {
                    consignments.Add(WcoConsignmentReader.Read(c, direction) with { Provenance = provenance });
                }
            }
            if (function == MessageFunction.Original && consignments.Count == 0)
            {
                throw new DomainException(d.At("Consignment"), "a declaration needs at least one consignment");
            }
            if (function == MessageFunction.Cancellation && cancelled.Count == 0)
            {
                throw new DomainException(d.At("Consignment"), "a cancellation names the consignments it cancels by their TransportContractDocument");
            }
            var unmapped = new List<string>();
            foreach (var o in registry)
            {
                o.CollectUnread(unmapped);
            }
            return new ParsedMessage(Format, sender, messageId, raw, consignments, [], function, cancelled, unmapped);
        }
        catch (DomainException e)
        {
            var where = e.Field.StartsWith('$') ? e.Field : $"{path}.{e.Field}";
            return Rejected(raw, messageId ?? fileName, $"{fileName}: {Printable.Of(where)}", e.Reason, sender);
        }
    }

    private static ParsedMessage Rejected(ReadOnlyMemory<byte> raw, string messageId, string where, string why, string? sender = null) =>
        new(Format, sender ?? "unknown", messageId, raw, [], [new IngestionIssue(IssueSeverity.Error, where, why)]);
}

/// <summary>Reads one WCO <c>Consignment</c> object into the consignment model.</summary>
internal static class WcoConsignmentReader
{
    public static TransportDocument Document(WcoObject c)
    {
        var doc = c.Object("TransportContractDocument") ?? throw new DomainException(c.At("TransportContractDocument"), "is required");
        var code = doc.String("TypeCode");
        var kind = code is null ? TransportDocumentKind.OceanBillOfLading : WcoCodes.KindOf(code)
            ?? throw new DomainException(doc.At("TypeCode"), $"'{code}' is not a transport document type OpenCTS reads; expected one of {string.Join(", ", WcoCodes.Documents.Select(x => x.Code))}");
        var master = c.Objects("AssociatedTransportDocument").Select(a => (a.String("ID"), a.String("TypeCode")).Item1).FirstOrDefault(id => id is not null);
        return Wrap(doc.Path, () => new TransportDocument(doc.RequiredString("ID"), kind, master));
    }

    public static Consignment Read(WcoObject c, Direction direction)
    {
        var document = Document(c);
        var means = c.Object("BorderTransportMeans");
        var modeCode = means?.Int("ModeCode");
        var mode = modeCode is null ? TransportMode.Sea : Enum.IsDefined((TransportMode)modeCode.Value) ? (TransportMode)modeCode.Value
            : throw new DomainException(means!.At("ModeCode"), $"{modeCode} is not a mode of transport; expected 1 to 8 (UN/ECE Recommendation 19)");
        var carrier = c.Object("Carrier") is { } k ? Wrap(k.Path, () => new Carrier(k.String("Name") ?? k.RequiredString("ID"), k.String("ID"))) : null;
        var findings = new List<DataQualityFinding>();
        var parties = new List<Party>();
        foreach (var (role, name) in OrderedParties(c))
        {
            foreach (var p in c.Objects(name))
            {
                parties.Add(ReadParty(p, role, $"parties[{parties.Count}]", findings));
            }
        }
        // Sequence numbers only order the lists, which JSON arrays already do.
        var route = new List<CountryCode>();
        foreach (var i in c.Objects("Itinerary"))
        {
            i.Get("SequenceNumeric");
            if (DataQualityCheck.Country(i.RequiredString("RoutingCountryCode"), $"route[{route.Count}]", findings) is { } country)
            {
                route.Add(country);
            }
        }
        var equipment = new List<Equipment>();
        foreach (var e in c.Objects("TransportEquipment"))
        {
            if (ReadEquipment(e, $"equipment[{equipment.Count}]", findings) is { } kept)
            {
                equipment.Add(kept);
            }
        }
        var goods = c.Objects("ConsignmentItem").Select((item, index) => ReadItem(item, index, findings)).ToList();
        var consignment = Wrap(c.Path, () => new Consignment(
            document,
            direction,
            mode,
            parties,
            goods,
            carrier,
            means is null ? null : ReadConveyance(means, mode, findings),
            Place(c, "LoadingLocation", "placeOfLoading", findings),
            Place(c, "UnloadingLocation", "placeOfDischarge", findings),
            Place(c, "FinalDestinationLocation", "finalDestination", findings),
            route,
            means?.Instant("DepartureDateTime"),
            means?.Instant("ArrivalDateTime"),
            equipment));
        return DataQualityCheck.Apply(consignment, findings);
    }

    /// <summary>The party properties in the order the sender wrote them, so that reading keeps the parties' order.</summary>
    private static IEnumerable<(PartyRole Role, string Name)> OrderedParties(WcoObject c) =>
        WcoCodes.Parties.OrderBy(p => c.IndexOf(p.Name));

    private static Conveyance? ReadConveyance(WcoObject m, TransportMode mode, List<DataQualityFinding> findings)
    {
        var id = m.String("ID");
        var idType = m.String("IdentificationTypeCode");
        ImoNumber? imo = null;
        string? vehicle = null;
        if (id is not null)
        {
            if (idType == WcoCodes.ImoIdentification || (idType is null && mode == TransportMode.Sea))
            {
                imo = DataQualityCheck.Imo(id, "conveyance.imo", findings);
            }
            else
            {
                vehicle = id;
            }
        }
        var journey = m.String("JourneyID");
        var flight = mode == TransportMode.Air && journey is not null ? journey : null;
        var name = m.String("Name");
        if (name is null && imo is null && vehicle is null && journey is null)
        {
            return null;
        }
        return Wrap(m.Path, () => new Conveyance(name, imo, flight is null ? journey : null, flight, vehicle));
    }

    private static Party ReadParty(WcoObject p, PartyRole role, string path, List<DataQualityFinding> findings)
    {
        var a = p.Object("Address");
        var addressCountry = a is null ? null : DataQualityCheck.Country(a.String("CountryCode"), $"{path}.address.country", findings);
        var address = a is null ? null : Wrap(a.Path, () => new Address(a.String("Line"), a.String("CityName"), a.String("PostcodeID"), addressCountry));
        var ids = p.Objects("Identification").Select(i => Wrap(i.Path, () => new PartyIdentifier(i.String("SchemeID") ?? "ID", i.RequiredString("ID")))).ToList();
        string? phone = null;
        string? email = null;
        foreach (var com in p.Objects("Communication"))
        {
            switch (com.String("TypeCode"))
            {
                case "TE":
                    phone ??= com.String("ID");
                    break;
                case "EM":
                    email ??= com.String("ID");
                    break;
                default:
                    throw new DomainException(com.At("TypeCode"), "expected TE (telephone) or EM (e-mail)");
            }
        }
        var country = DataQualityCheck.Country(p.String("CountryCode"), $"{path}.country", findings);
        return Wrap(p.Path, () => new Party(role, p.RequiredString("Name"), address, country, ids, phone, email));
    }

    private static Equipment? ReadEquipment(WcoObject e, string path, List<DataQualityFinding> findings)
    {
        e.Get("SequenceNumeric");
        if (DataQualityCheck.Container(e.RequiredString("ID"), $"{path}.containerNumber", findings) is not { } number)
        {
            return null;
        }
        return Wrap(e.Path, () => new Equipment(
            number,
            e.String("CharacteristicCode"),
            e.Objects("Seal").Select(s => s.RequiredString("ID")).ToList()));
    }

    private static GoodsItem ReadItem(WcoObject i, int index, List<DataQualityFinding> findings)
    {
        var path = $"goods[{index}]";
        var commodity = i.Object("Commodity") ?? throw new DomainException(i.At("Commodity"), "is required");
        HsCode? hs = null;
        foreach (var cl in commodity.Objects("Classification"))
        {
            if (cl.String("IdentificationTypeCode") is null or "HS" or "TSP")
            {
                var id = cl.RequiredString("ID");
                hs ??= DataQualityCheck.HsCode(id, $"{path}.hsCode", findings);
            }
        }
        var measure = i.Object("GoodsMeasure");
        var packaging = i.Objects("Packaging").FirstOrDefault();
        var amount = i.Object("CustomsValueAmount");
        var currency = amount is null ? null : DataQualityCheck.Currency(amount.RequiredString("currencyID"), $"{path}.value.currency", findings);
        var value = amount is null ? (Money?)null
            : Wrap<Money?>(amount.Path, () => amount.Decimal("value") is { } v ? currency is { } cur ? new Money(v, cur) : null : throw new DomainException(amount.At("value"), "is required"));
        var origin = DataQualityCheck.Country(i.Object("Origin")?.String("CountryCode"), $"{path}.origin", findings);
        var containers = i.Objects("TransportEquipment").Select(t => t.RequiredString("ID")).ToList();
        return Wrap(i.Path, () => new GoodsItem(
            i.Int("SequenceNumeric") ?? index + 1,
            hs,
            commodity.String("Description"),
            packaging?.Int("QuantityQuantity") ?? 0,
            packaging?.String("TypeCode"),
            measure is null ? 0 : Mass(measure, "GrossMassMeasure") ?? 0,
            measure is null ? null : Mass(measure, "NetNetWeightMeasure"),
            value,
            origin,
            containers));
    }

    /// <summary>A mass as a number of kilograms or as <c>{"value": 12.5, "unitCode": "KGM"}</c>.</summary>
    private static decimal? Mass(WcoObject measure, string name)
    {
        if (measure.Get(name) is not { } v)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Object)
        {
            return measure.Decimal(name);
        }
        var m = measure.Object(name)!;
        var unit = m.String("unitCode");
        var perUnit = Edifact.CuscarCodes.KilogramsPer(unit) ?? throw new DomainException(m.At("unitCode"), $"'{unit}' is not a unit of mass; expected KGM, TNE, GRM or LBR");
        return (m.Decimal("value") ?? throw new DomainException(m.At("value"), "is required")) * perUnit;
    }

    private static UnLocode? Place(WcoObject c, string name, string path, List<DataQualityFinding> findings) =>
        c.Object(name) is { } l ? DataQualityCheck.Place(l.String("ID"), path, findings) : null;

    private static T Wrap<T>(string path, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (DomainException e) when (!e.Field.StartsWith('$'))
        {
            throw e.Under(path);
        }
    }
}
