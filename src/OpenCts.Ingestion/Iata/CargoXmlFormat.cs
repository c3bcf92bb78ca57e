using System.Globalization;
using System.Xml;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Pipeline;

namespace OpenCts.Ingestion.Iata;

/// <summary>IATA Cargo-XML version 3: XFWB (master waybill), XFZB (house waybill) and XFFM (flight manifest).</summary>
/// <remarks>
/// Elements are matched by local name, so the namespace prefixes and minor schema versions senders use do not matter.
/// The message id is the MessageHeaderDocument ID with its IssueDateTime, so that an update of a waybill is a new
/// message and a resend is not.
/// </remarks>
public sealed class CargoXmlFormat : IMessageFormat
{
    private readonly AirportCodes? _airports;
    private readonly int _maxBytes;

    public CargoXmlFormat()
        : this(null)
    {
    }

    /// <param name="airports">How IATA airport codes become UN/LOCODEs; null for <see cref="AirportCodes.Default"/>, built when the first waybill needs it (it reads the embedded UN/LOCODE list, a quarter of a second that a process which reads no waybill need not pay).</param>
    /// <param name="maxBytes">A document larger than this is rejected with a clear error.</param>
    public CargoXmlFormat(AirportCodes? airports, int maxBytes = 32 * 1024 * 1024)
    {
        _airports = airports;
        _maxBytes = maxBytes;
    }

    public string Name => "cargo-xml";

    public bool Recognises(string fileName, ReadOnlySpan<byte> head)
    {
        // Searched as bytes (the names are ASCII): decoding the head for each format cost more than the parse.
        return head.IndexOf((byte)'<') >= 0 &&
            (head.IndexOf(":Waybill"u8) >= 0 || head.IndexOf("<Waybill"u8) >= 0 ||
             head.IndexOf("HouseWaybill"u8) >= 0 || head.IndexOf("FlightManifest"u8) >= 0);
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
        var tree = CargoXmlTree.Rent();
        try
        {
            return ReadDocument(fileName, content, receivedAt, tree, cancellationToken);
        }
        finally
        {
            tree.Return();
        }
    }

    /// <summary>No DTDs: an entity declaration must never expand a small file into a large one.</summary>
    private XmlReaderSettings Settings => field ??= new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = _maxBytes * 2L };

    /// <summary>One forward pass of an XmlReader into a <see cref="CargoXmlTree"/>, then the waybills read from it.</summary>
    private IReadOnlyList<ParsedMessage> ReadDocument(string fileName, ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CargoXmlTree tree, CancellationToken cancellationToken)
    {
        try
        {
            // The bytes are read where they are, without a copy.
            using var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(content, out var array)
                ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
                : new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, tree.ReaderSettings(Settings));
            tree.Load(reader);
        }
        catch (XmlException e)
        {
            return [Rejected("cargo-xml", content, fileName, $"{fileName}: line {Math.Max(1, e.LineNumber)}, column {Math.Max(1, e.LinePosition)}", e.Message)];
        }
        var root = tree.Root;
        var (format, drafts, issues) = tree.Name(root) switch
        {
            "Waybill" => ("xfwb", new XmlReaderContext(fileName, tree).MasterWaybill(root), (List<IngestionIssue>?)null),
            "HouseWaybill" => ("xfzb", new XmlReaderContext(fileName, tree).HouseWaybill(root), null),
            "FlightManifest" => ("xffm", new XmlReaderContext(fileName, tree).FlightManifest(root), null),
            var other => ("cargo-xml", null, [new IngestionIssue(IssueSeverity.Error, tree.At(fileName, root), $"root element '{other}' is not a Cargo-XML message OpenCTS reads; expected Waybill (XFWB), HouseWaybill (XFZB) or FlightManifest (XFFM)")]),
        };
        if (drafts is null)
        {
            return [new ParsedMessage(format, "unknown", fileName, content, [], issues!)];
        }
        var header = tree.Child(root, "MessageHeaderDocument");
        var sender = tree.Text(tree.Child(tree.Child(header, "SenderParty"), "PrimaryID")) ?? "unknown";
        var id = tree.Text(tree.Child(header, "ID")) ?? drafts.Context.FirstNumber ?? fileName;
        var issued = tree.Text(tree.Child(header, "IssueDateTime"));
        var messageId = issued is null ? id : $"{id}@{issued}";
        messageId = messageId.Length > 128 ? messageId[..128] : messageId;
        var list = drafts.Context.Issues;
        var purpose = tree.Text(tree.Child(header, "PurposeCode"));
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
            else if (AirWaybills.Build(draft, _airports ?? AirportCodes.Default, provenance, list) is { } c)
            {
                consignments.Add(c);
            }
        }
        if (drafts.Drafts.Count == 0 && !list.Exists(i => i.Severity == IssueSeverity.Error))
        {
            list.Add(new(IssueSeverity.Error, tree.At(fileName, root), "the message names no waybill"));
        }
        var rejected = list.Exists(i => i.Severity == IssueSeverity.Error);
        var function = cancelled.Count > 0 ? MessageFunction.Cancellation : MessageFunction.Original;
        return [new ParsedMessage(format, sender, messageId, content, rejected ? [] : consignments, list, function, rejected ? [] : cancelled, drafts.Context.Unmapped)];
    }

    /// <summary>The children of a consignment that OpenCTS reads; the others are kept, as XML, among the message's unmapped parts.</summary>
    internal static readonly HashSet<string> KnownConsignmentParts = new(StringComparer.Ordinal)
    {
        "ID", "TransportContractDocument", "IncludedTareGrossWeightMeasure", "GrossWeightMeasure", "TotalPieceQuantity", "PieceQuantity",
        "ConsignorParty", "ConsigneeParty", "NotifyParty", "FreightForwarderParty", "OriginLocation", "FinalDestinationLocation",
        "SpecifiedLogisticsTransportMovement", "IncludedMasterConsignmentItem", "IncludedHouseConsignmentItem", "ApplicableRating",
        "IncludedHouseConsignment", "SummaryDescription", "NatureIdentificationTransportCargo",
    };

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

    private static ParsedMessage Rejected(string format, ReadOnlyMemory<byte> raw, string messageId, string where, string why) =>
        new(format, "unknown", messageId, raw, [], [new IngestionIssue(IssueSeverity.Error, where, why)]);

    /// <summary>The waybills of one document and what was found on the way.</summary>
    private sealed record Read(XmlReaderContext Context, List<AirWaybillDraft> Drafts);

    private sealed class XmlReaderContext(string fileName, CargoXmlTree tree)
    {
        public List<IngestionIssue> Issues { get; } = [];

        public List<string> Unmapped { get; } = [];

        public string? FirstNumber { get; private set; }

        public Read MasterWaybill(int root)
        {
            var consignment = tree.Child(root, "MasterConsignment");
            var number = tree.Text(tree.Child(tree.Child(root, "BusinessHeaderDocument"), "ID")) ?? tree.Text(tree.Child(tree.Child(consignment, "TransportContractDocument"), "ID"));
            if (consignment < 0 || number is null)
            {
                Issues.Add(new(IssueSeverity.Error, tree.At(fileName, Or(consignment, root)), "expected a MasterConsignment and the waybill number in BusinessHeaderDocument/ID"));
                return new(this, []);
            }
            return new(this, [Draft(consignment, number, null)]);
        }

        public Read HouseWaybill(int root)
        {
            var master = tree.Child(root, "MasterConsignment");
            var house = tree.Child(master, "IncludedHouseConsignment");
            var masterNumber = tree.Text(tree.Child(tree.Child(master, "TransportContractDocument"), "ID"));
            var number = tree.Text(tree.Child(tree.Child(root, "BusinessHeaderDocument"), "ID")) ?? tree.Text(tree.Child(tree.Child(house, "TransportContractDocument"), "ID"));
            if (house < 0 || number is null || masterNumber is null)
            {
                Issues.Add(new(IssueSeverity.Error, tree.At(fileName, Or(house, Or(master, root))), "expected MasterConsignment/TransportContractDocument/ID (the master waybill), an IncludedHouseConsignment and the house waybill number in BusinessHeaderDocument/ID"));
                return new(this, []);
            }
            var draft = Draft(house, number, masterNumber);
            // The flight is on the master consignment of a house waybill.
            var movement = tree.Child(master, "SpecifiedLogisticsTransportMovement");
            draft.FlightNumber ??= tree.Text(tree.Child(movement, "ID"));
            return new(this, [draft]);
        }

        public Read FlightManifest(int root)
        {
            var movement = tree.Child(root, "LogisticsTransportMovement");
            var flight = tree.Text(tree.Child(movement, "ID"));
            var departure = Instant(Or(tree.Child(tree.Child(movement, "DepartureEvent"), "DepartureOccurrenceDateTime"), tree.Child(tree.Child(movement, "DepartureEvent"), "ScheduledOccurrenceDateTime")));
            var drafts = new List<AirWaybillDraft>();
            for (var arrival = tree.Child(root, "ArrivalEvent"); arrival >= 0; arrival = Next(arrival, "ArrivalEvent"))
            {
                var unloading = tree.Text(tree.Child(tree.Child(arrival, "OccurrenceArrivalLocation"), "ID"));
                var arrivalTime = Instant(Or(tree.Child(arrival, "ArrivalOccurrenceDateTime"), tree.Child(arrival, "ScheduledOccurrenceDateTime")));
                for (var cargo = tree.Child(arrival, "AssociatedTransportCargo"); cargo >= 0; cargo = Next(cargo, "AssociatedTransportCargo"))
                {
                    for (var master = tree.Child(cargo, "IncludedMasterConsignment"); master >= 0; master = Next(master, "IncludedMasterConsignment"))
                    {
                        var number = tree.Text(tree.Child(tree.Child(master, "TransportContractDocument"), "ID"));
                        if (number is null)
                        {
                            Issues.Add(new(IssueSeverity.Error, tree.At(fileName, master), "expected TransportContractDocument/ID, the waybill number"));
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

        private AirWaybillDraft Draft(int c, string number, string? master)
        {
            FirstNumber ??= number;
            var draft = new AirWaybillDraft { Number = number, MasterNumber = master, Place = tree.At(fileName, c) };
            draft.GrossKg = Mass(Or(tree.Child(c, "IncludedTareGrossWeightMeasure"), tree.Child(c, "GrossWeightMeasure"))) ?? 0;
            draft.Pieces = Int(Or(tree.Child(c, "TotalPieceQuantity"), tree.Child(c, "PieceQuantity"))) ?? 0;
            draft.Origin = tree.Text(tree.Child(tree.Child(c, "OriginLocation"), "ID"));
            draft.Destination = tree.Text(tree.Child(tree.Child(c, "FinalDestinationLocation"), "ID"));
            Party(c, "ConsignorParty", PartyRole.Consignor, draft);
            Party(c, "ConsigneeParty", PartyRole.Consignee, draft);
            Party(c, "NotifyParty", PartyRole.NotifyParty, draft);
            Party(c, "FreightForwarderParty", PartyRole.FreightForwarder, draft);
            var movement = tree.Child(c, "SpecifiedLogisticsTransportMovement");
            if (movement >= 0)
            {
                draft.FlightNumber = tree.Text(tree.Child(movement, "ID"));
                draft.CarrierCode = tree.Text(tree.Child(tree.Child(movement, "UsedLogisticsTransportMeans"), "Name")) is { Length: 2 } airline ? airline : null;
                draft.Departure = Instant(Or(tree.Child(tree.Child(movement, "DepartureEvent"), "ScheduledOccurrenceDateTime"), tree.Child(tree.Child(movement, "DepartureEvent"), "DepartureOccurrenceDateTime")));
                draft.Arrival = Instant(Or(tree.Child(tree.Child(movement, "ArrivalEvent"), "ScheduledOccurrenceDateTime"), tree.Child(tree.Child(movement, "ArrivalEvent"), "ArrivalOccurrenceDateTime")));
            }
            var items = 0;
            for (var item = tree.NextDescendant(c, c); item >= 0; item = tree.NextDescendant(c, item))
            {
                if (tree.Name(item) is not ("IncludedMasterConsignmentItem" or "IncludedHouseConsignmentItem"))
                {
                    continue;
                }
                items++;
                var d = new AirItemDraft
                {
                    Pieces = Int(tree.Child(item, "PieceQuantity")),
                    GrossKg = Mass(tree.Child(item, "GrossWeightMeasure")),
                    HsCode = tree.Text(tree.Child(item, "TypeCode")),
                    Origin = tree.Text(tree.Child(tree.Child(item, "OriginCountry"), "ID")),
                };
                if (tree.Text(tree.Child(tree.Child(item, "NatureIdentificationTransportCargo"), "Identification")) is { } nature)
                {
                    d.Description.Add(nature);
                }
                if (d.Description.Count == 0 && tree.Text(tree.Child(item, "Description")) is { } description)
                {
                    d.Description.Add(description);
                }
                draft.Items.Add(d);
            }
            if (items == 0)
            {
                var summary = tree.Text(tree.Child(c, "SummaryDescription")) ?? tree.Text(tree.Child(tree.Child(c, "NatureIdentificationTransportCargo"), "Identification"));
                draft.Items.Add(new AirItemDraft { Description = summary is null ? [] : [summary] });
            }
            for (var part = tree.FirstElement(c); part >= 0; part = tree.NextElement(part))
            {
                if (KnownConsignmentParts.Contains(tree.Name(part)))
                {
                    continue;
                }
                // Every part of a consignment not known is loaded as XML while the document is read.
                var text = tree.Unmapped(part) ?? throw new InvalidOperationException($"{tree.Path(part)} was not kept as XML");
                Unmapped.Add($"{tree.Path(part)}: {(text.Length > 500 ? text[..500] + "…" : text)}");
            }
            return draft;
        }

        private void Party(int c, string name, PartyRole role, AirWaybillDraft draft)
        {
            var p = tree.Child(c, name);
            if (p < 0)
            {
                return;
            }
            var address = tree.Child(p, "PostalStructuredAddress");
            var contact = tree.Child(p, "DefinedTradeContact");
            draft.Parties.Add(new AirPartyDraft
            {
                Role = role,
                Name = tree.Text(tree.Child(p, "Name")),
                Account = tree.Text(tree.Child(p, "AccountID")),
                Street = tree.Text(tree.Child(address, "StreetName")),
                City = tree.Text(tree.Child(address, "CityName")),
                Postcode = tree.Text(tree.Child(address, "PostcodeCode")),
                Country = tree.Text(tree.Child(address, "CountryID")),
                Phone = tree.Text(tree.Child(tree.Child(contact, "DirectTelephoneCommunication"), "CompleteNumber")),
                Email = tree.Text(tree.Child(tree.Child(contact, "URIEmailCommunication"), "URIID")),
            });
        }

        /// <summary>The first element of the two that is present, or -1.</summary>
        private static int Or(int first, int second) => first >= 0 ? first : second;

        /// <summary>The next sibling of the same local name, or -1.</summary>
        private int Next(int element, string localName)
        {
            for (var e = tree.NextElement(element); e >= 0; e = tree.NextElement(e))
            {
                if (string.Equals(tree.Name(e), localName, StringComparison.Ordinal))
                {
                    return e;
                }
            }
            return -1;
        }

        private decimal? Mass(int e)
        {
            if (tree.Text(e) is not { } text)
            {
                return null;
            }
            var unit = tree.Unit(e);
            var perUnit = Edifact.CuscarCodes.KilogramsPer(unit);
            if (perUnit is null || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                Issues.Add(new(IssueSeverity.Error, tree.At(fileName, e), $"'{text}' {unit} is not a weight; expected a number in KGM, TNE, GRM or LBR"));
                return null;
            }
            return value * perUnit.Value;
        }

        private int? Int(int e)
        {
            if (tree.Text(e) is not { } text)
            {
                return null;
            }
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            Issues.Add(new(IssueSeverity.Error, tree.At(fileName, e), $"'{text}' is not a whole number"));
            return null;
        }

        private DateTimeOffset? Instant(int e)
        {
            if (tree.Text(e) is not { } text)
            {
                return null;
            }
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                return value;
            }
            Issues.Add(new(IssueSeverity.Error, tree.At(fileName, e), $"'{text}' is not a date and time; expected ISO 8601"));
            return null;
        }
    }
}
