using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Pipeline;

using OpenCts.Ingestion.Iata;

namespace OpenCts.Ingestion.Tests.Iata;

/// <summary>The Cargo-XML reader as it was before the forward-only reader replaced it: the whole document loaded as an XDocument, then read.</summary>
/// <remarks>
/// Kept unchanged as the reference the forward-only <see cref="CargoXmlFormat"/> is compared with, message for message,
/// on the samples and on mutated documents: the new reader must give the same consignments, issues, places and unmapped parts.
/// </remarks>
internal sealed class DocumentCargoXmlFormat : IMessageFormat
{
    private readonly AirportCodes _airports;
    private readonly int _maxBytes;

    public DocumentCargoXmlFormat()
        : this(AirportCodes.Default)
    {
    }

    /// <param name="airports">How IATA airport codes become UN/LOCODEs.</param>
    /// <param name="maxBytes">A document larger than this is rejected with a clear error.</param>
    public DocumentCargoXmlFormat(AirportCodes airports, int maxBytes = 32 * 1024 * 1024)
    {
        _airports = airports;
        _maxBytes = maxBytes;
    }

    public string Name => "cargo-xml";

    public bool Recognises(string fileName, ReadOnlySpan<byte> head)
    {
        var text = System.Text.Encoding.UTF8.GetString(head);
        return text.Contains("<", StringComparison.Ordinal) &&
            (text.Contains(":Waybill", StringComparison.Ordinal) || text.Contains("<Waybill", StringComparison.Ordinal) ||
             text.Contains("HouseWaybill", StringComparison.Ordinal) || text.Contains("FlightManifest", StringComparison.Ordinal));
    }

    public IReadOnlyList<ParsedMessage> Parse(string fileName, ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (content.Length > _maxBytes)
        {
            return [Rejected("cargo-xml", content, fileName, fileName, $"the document has {content.Length:N0} bytes; at most {_maxBytes:N0} are read")];
        }
        if (NonAsciiInDeclaration(content.Span) is { } bad)
        {
            return [Rejected("cargo-xml", content, fileName, $"{fileName}: line {bad.Line}, column {bad.Column}", $"the XML declaration holds byte 0x{bad.Byte:X2}; it is written in ASCII, such as <?xml version=\"1.0\" encoding=\"UTF-8\"?>")];
        }
        if (XmlDepth.TooDeep(content) is { } deep)
        {
            return [Rejected("cargo-xml", content, fileName, $"{fileName}: line {deep.Line}, column {deep.Column}", $"elements are nested more than {XmlDepth.Limit} deep; a Cargo-XML message nests about twenty levels")];
        }
        XDocument document;
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            // No DTDs: an entity declaration must never expand a small file into a large one.
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = _maxBytes * 2L });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            return [Rejected("cargo-xml", content, fileName, $"{fileName}: line {Math.Max(1, e.LineNumber)}, column {Math.Max(1, e.LinePosition)}", e.Message)];
        }
        var root = document.Root!;
        var (format, drafts, issues) = root.Name.LocalName switch
        {
            "Waybill" => ("xfwb", new XmlReaderContext(fileName).MasterWaybill(root), (List<IngestionIssue>?)null),
            "HouseWaybill" => ("xfzb", new XmlReaderContext(fileName).HouseWaybill(root), null),
            "FlightManifest" => ("xffm", new XmlReaderContext(fileName).FlightManifest(root), null),
            var other => ("cargo-xml", null, [new IngestionIssue(IssueSeverity.Error, At(fileName, root), $"root element '{other}' is not a Cargo-XML message OpenCTS reads; expected Waybill (XFWB), HouseWaybill (XFZB) or FlightManifest (XFFM)")]),
        };
        if (drafts is null)
        {
            return [new ParsedMessage(format, "unknown", fileName, content, [], issues!)];
        }
        var header = Child(root, "MessageHeaderDocument");
        var sender = Text(Child(Child(header, "SenderParty"), "PrimaryID")) ?? "unknown";
        var id = Text(Child(header, "ID")) ?? drafts.Context.FirstNumber ?? fileName;
        var issued = Text(Child(header, "IssueDateTime"));
        var messageId = issued is null ? id : $"{id}@{issued}";
        messageId = messageId.Length > 128 ? messageId[..128] : messageId;
        var list = drafts.Context.Issues;
        var purpose = Text(Child(header, "PurposeCode"));
        var provenance = new Provenance(sender.Length > 128 ? sender[..128] : sender, messageId, receivedAt);
        var consignments = new List<Consignment>();
        var cancelled = new List<string>();
        foreach (var draft in drafts.Drafts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (string.Equals(purpose, "Deletion", StringComparison.OrdinalIgnoreCase))
            {
                var kind = draft.MasterNumber is null ? TransportDocumentKind.MasterAirWaybill : TransportDocumentKind.HouseAirWaybill;
                cancelled.Add(new TransportDocument(draft.Number, kind, draft.MasterNumber).Key);
            }
            else if (AirWaybills.Build(draft, _airports, provenance, list) is { } c)
            {
                consignments.Add(c);
            }
        }
        if (drafts.Drafts.Count == 0 && !list.Exists(i => i.Severity == IssueSeverity.Error))
        {
            list.Add(new(IssueSeverity.Error, At(fileName, root), "the message names no waybill"));
        }
        var rejected = list.Exists(i => i.Severity == IssueSeverity.Error);
        var function = cancelled.Count > 0 ? MessageFunction.Cancellation : MessageFunction.Original;
        return [new ParsedMessage(format, sender, messageId, content, rejected ? [] : consignments, list, function, rejected ? [] : cancelled, drafts.Context.Unmapped)];
    }

    internal static XElement? Child(XElement? e, string localName)
    {
        if (e is null)
        {
            return null;
        }
        foreach (var child in e.Elements())
        {
            if (child.Name.LocalName == localName)
            {
                return child;
            }
        }
        return null;
    }

    internal static IEnumerable<XElement> Children(XElement? e, string localName) =>
        e is null ? [] : e.Elements().Where(c => c.Name.LocalName == localName);

    internal static string? Text(XElement? e) => e is null || string.IsNullOrWhiteSpace(e.Value) ? null : e.Value.Trim();

    /// <summary>The first byte of the XML declaration that is not ASCII, with its place; null when there is none.</summary>
    /// <remarks>
    /// The declaration is ASCII by the XML grammar. Checked before reading because XmlReader, switching to the declared
    /// encoding, throws ArgumentOutOfRangeException (not XmlException) when the bytes it read before the switch do not
    /// decode, as with <c>version="1.0\xC2"</c>.
    /// </remarks>
    private static (int Line, int Column, byte Byte)? NonAsciiInDeclaration(ReadOnlySpan<byte> content)
    {
        var start = content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        if (!content[start..].StartsWith("<?xml"u8))
        {
            return null;
        }
        var declaration = content[start..];
        var end = declaration.IndexOf("?>"u8);
        declaration = end < 0 ? declaration : declaration[..end];
        var at = declaration.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
        if (at < 0)
        {
            return null;
        }
        var before = declaration[..at];
        return (before.Count((byte)'\n') + 1, at - before.LastIndexOf((byte)'\n'), declaration[at]);
    }

    internal static string At(string fileName, XElement e)
    {
        var info = (IXmlLineInfo)e;
        var path = string.Join('/', e.AncestorsAndSelf().Reverse().Select(a => a.Name.LocalName));
        return $"{fileName}: line {info.LineNumber}, column {info.LinePosition}, /{path}";
    }

    private static ParsedMessage Rejected(string format, ReadOnlyMemory<byte> raw, string messageId, string where, string why) =>
        new(format, "unknown", messageId, raw, [], [new IngestionIssue(IssueSeverity.Error, where, why)]);

    /// <summary>The waybills of one document and what was found on the way.</summary>
    private sealed record Read(XmlReaderContext Context, List<AirWaybillDraft> Drafts);

    private sealed class XmlReaderContext(string fileName)
    {
        private static readonly HashSet<string> KnownConsignmentParts = new(StringComparer.Ordinal)
        {
            "ID", "TransportContractDocument", "IncludedTareGrossWeightMeasure", "GrossWeightMeasure", "TotalPieceQuantity", "PieceQuantity",
            "ConsignorParty", "ConsigneeParty", "NotifyParty", "FreightForwarderParty", "OriginLocation", "FinalDestinationLocation",
            "SpecifiedLogisticsTransportMovement", "IncludedMasterConsignmentItem", "IncludedHouseConsignmentItem", "ApplicableRating",
            "IncludedHouseConsignment", "SummaryDescription", "NatureIdentificationTransportCargo",
        };

        public List<IngestionIssue> Issues { get; } = [];

        public List<string> Unmapped { get; } = [];

        public string? FirstNumber { get; private set; }

        public Read MasterWaybill(XElement root)
        {
            var consignment = Child(root, "MasterConsignment");
            var number = Text(Child(Child(root, "BusinessHeaderDocument"), "ID")) ?? Text(Child(Child(consignment, "TransportContractDocument"), "ID"));
            if (consignment is null || number is null)
            {
                Issues.Add(new(IssueSeverity.Error, At(fileName, consignment ?? root), "expected a MasterConsignment and the waybill number in BusinessHeaderDocument/ID"));
                return new(this, []);
            }
            return new(this, [Draft(consignment, number, null)]);
        }

        public Read HouseWaybill(XElement root)
        {
            var master = Child(root, "MasterConsignment");
            var house = Child(master, "IncludedHouseConsignment");
            var masterNumber = Text(Child(Child(master, "TransportContractDocument"), "ID"));
            var number = Text(Child(Child(root, "BusinessHeaderDocument"), "ID")) ?? Text(Child(Child(house, "TransportContractDocument"), "ID"));
            if (house is null || number is null || masterNumber is null)
            {
                Issues.Add(new(IssueSeverity.Error, At(fileName, house ?? master ?? root), "expected MasterConsignment/TransportContractDocument/ID (the master waybill), an IncludedHouseConsignment and the house waybill number in BusinessHeaderDocument/ID"));
                return new(this, []);
            }
            var draft = Draft(house, number, masterNumber);
            // The flight is on the master consignment of a house waybill.
            var movement = Child(master, "SpecifiedLogisticsTransportMovement");
            draft.FlightNumber ??= Text(Child(movement, "ID"));
            return new(this, [draft]);
        }

        public Read FlightManifest(XElement root)
        {
            var movement = Child(root, "LogisticsTransportMovement");
            var flight = Text(Child(movement, "ID"));
            var departure = Instant(Child(Child(movement, "DepartureEvent"), "DepartureOccurrenceDateTime") ?? Child(Child(movement, "DepartureEvent"), "ScheduledOccurrenceDateTime"));
            var drafts = new List<AirWaybillDraft>();
            foreach (var arrival in Children(root, "ArrivalEvent"))
            {
                var unloading = Text(Child(Child(arrival, "OccurrenceArrivalLocation"), "ID"));
                var arrivalTime = Instant(Child(arrival, "ArrivalOccurrenceDateTime") ?? Child(arrival, "ScheduledOccurrenceDateTime"));
                foreach (var cargo in Children(arrival, "AssociatedTransportCargo"))
                {
                    foreach (var master in Children(cargo, "IncludedMasterConsignment"))
                    {
                        var number = Text(Child(Child(master, "TransportContractDocument"), "ID"));
                        if (number is null)
                        {
                            Issues.Add(new(IssueSeverity.Error, At(fileName, master), "expected TransportContractDocument/ID, the waybill number"));
                            continue;
                        }
                        var draft = Draft(master, number, null);
                        draft.FlightNumber ??= flight;
                        draft.Destination ??= unloading;
                        draft.Departure ??= departure;
                        draft.Arrival ??= arrivalTime;
                        drafts.Add(draft);
                    }
                }
            }
            return new(this, drafts);
        }

        private AirWaybillDraft Draft(XElement c, string number, string? master)
        {
            FirstNumber ??= number;
            var draft = new AirWaybillDraft { Number = number, MasterNumber = master, Place = At(fileName, c) };
            draft.GrossKg = Mass(Child(c, "IncludedTareGrossWeightMeasure") ?? Child(c, "GrossWeightMeasure")) ?? 0;
            draft.Pieces = Int(Child(c, "TotalPieceQuantity") ?? Child(c, "PieceQuantity")) ?? 0;
            draft.Origin = Text(Child(Child(c, "OriginLocation"), "ID"));
            draft.Destination = Text(Child(Child(c, "FinalDestinationLocation"), "ID"));
            Party(c, "ConsignorParty", PartyRole.Consignor, draft);
            Party(c, "ConsigneeParty", PartyRole.Consignee, draft);
            Party(c, "NotifyParty", PartyRole.NotifyParty, draft);
            Party(c, "FreightForwarderParty", PartyRole.FreightForwarder, draft);
            var movement = Child(c, "SpecifiedLogisticsTransportMovement");
            if (movement is not null)
            {
                draft.FlightNumber = Text(Child(movement, "ID"));
                draft.CarrierCode = Text(Child(Child(movement, "UsedLogisticsTransportMeans"), "Name")) is { Length: 2 } airline ? airline : null;
                draft.Departure = Instant(Child(Child(movement, "DepartureEvent"), "ScheduledOccurrenceDateTime") ?? Child(Child(movement, "DepartureEvent"), "DepartureOccurrenceDateTime"));
                draft.Arrival = Instant(Child(Child(movement, "ArrivalEvent"), "ScheduledOccurrenceDateTime") ?? Child(Child(movement, "ArrivalEvent"), "ArrivalOccurrenceDateTime"));
            }
            var items = c.Descendants().Where(e => e.Name.LocalName is "IncludedMasterConsignmentItem" or "IncludedHouseConsignmentItem").ToList();
            foreach (var item in items)
            {
                var d = new AirItemDraft
                {
                    Pieces = Int(Child(item, "PieceQuantity")),
                    GrossKg = Mass(Child(item, "GrossWeightMeasure")),
                    HsCode = Text(Child(item, "TypeCode")),
                    Origin = Text(Child(Child(item, "OriginCountry"), "ID")),
                };
                if (Text(Child(Child(item, "NatureIdentificationTransportCargo"), "Identification")) is { } nature)
                {
                    d.Description.Add(nature);
                }
                if (d.Description.Count == 0 && Text(Child(item, "Description")) is { } description)
                {
                    d.Description.Add(description);
                }
                draft.Items.Add(d);
            }
            if (items.Count == 0)
            {
                var summary = Text(Child(c, "SummaryDescription")) ?? Text(Child(Child(c, "NatureIdentificationTransportCargo"), "Identification"));
                draft.Items.Add(new AirItemDraft { Description = summary is null ? [] : [summary] });
            }
            foreach (var part in c.Elements().Where(e => !KnownConsignmentParts.Contains(e.Name.LocalName)))
            {
                var text = part.ToString(SaveOptions.DisableFormatting);
                Unmapped.Add($"/{string.Join('/', part.AncestorsAndSelf().Reverse().Select(a => a.Name.LocalName))}: {(text.Length > 500 ? text[..500] + "…" : text)}");
            }
            return draft;
        }

        private static void Party(XElement c, string name, PartyRole role, AirWaybillDraft draft)
        {
            var p = Child(c, name);
            if (p is null)
            {
                return;
            }
            var address = Child(p, "PostalStructuredAddress");
            var contact = Child(p, "DefinedTradeContact");
            draft.Parties.Add(new AirPartyDraft
            {
                Role = role,
                Name = Text(Child(p, "Name")),
                Account = Text(Child(p, "AccountID")),
                Street = Text(Child(address, "StreetName")),
                City = Text(Child(address, "CityName")),
                Postcode = Text(Child(address, "PostcodeCode")),
                Country = Text(Child(address, "CountryID")),
                Phone = Text(Child(Child(contact, "DirectTelephoneCommunication"), "CompleteNumber")),
                Email = Text(Child(Child(contact, "URIEmailCommunication"), "URIID")),
            });
        }

        private decimal? Mass(XElement? e)
        {
            if (Text(e) is not { } text)
            {
                return null;
            }
            var unit = e!.Attribute("unitCode")?.Value;
            var perUnit = OpenCts.Ingestion.Edifact.CuscarCodes.KilogramsPer(unit);
            if (perUnit is null || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                Issues.Add(new(IssueSeverity.Error, At(fileName, e), $"'{text}' {unit} is not a weight; expected a number in KGM, TNE, GRM or LBR"));
                return null;
            }
            return value * perUnit.Value;
        }

        private int? Int(XElement? e)
        {
            if (Text(e) is not { } text)
            {
                return null;
            }
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            Issues.Add(new(IssueSeverity.Error, At(fileName, e!), $"'{text}' is not a whole number"));
            return null;
        }

        private DateTimeOffset? Instant(XElement? e)
        {
            if (Text(e) is not { } text)
            {
                return null;
            }
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                return value;
            }
            Issues.Add(new(IssueSeverity.Error, At(fileName, e!), $"'{text}' is not a date and time; expected ISO 8601"));
            return null;
        }
    }
}
