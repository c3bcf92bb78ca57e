using System.Text;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Pipeline;

namespace OpenCts.Ingestion.Edifact;

/// <summary>The envelope of a written interchange.</summary>
/// <param name="Sender">UNB sender identification (0004); read back as the message's sender.</param>
/// <param name="Recipient">UNB recipient identification (0010).</param>
/// <param name="Reference">Interchange control reference (0020).</param>
/// <param name="PreparedAt">Date and time of preparation.</param>
/// <param name="Directory">The directory release written in UNH, such as <c>95B</c> or <c>11A</c>.</param>
public sealed record CuscarEnvelope(string Sender, string Recipient, string Reference, DateTimeOffset PreparedAt, string Directory = "95B");

/// <summary>Writes consignments as a CUSCAR interchange that <see cref="CuscarFormat"/> reads back to the same consignments.</summary>
/// <remarks>
/// Consignments that travel on the same voyage (mode, carrier, conveyance, departure and arrival, direction) share one
/// message with one CNI group each. One segment per line: the line breaks are allowed between segments and make the
/// file readable.
/// </remarks>
public sealed class CuscarWriter
{
    private const int NameComponent = 35;
    private const int TextComponent = 70;
    private readonly EdifactDelimiters _d = EdifactDelimiters.Default;
    private readonly StringBuilder _b = new();

    /// <summary>The interchange as UTF-8 bytes (UNOC when every character is ASCII, UNOW otherwise).</summary>
    public static byte[] ToBytes(IEnumerable<Consignment> consignments, CuscarEnvelope envelope) =>
        Encoding.UTF8.GetBytes(new CuscarWriter().Write(consignments, envelope));

    /// <summary>Writes an interchange with one message per voyage.</summary>
    public string Write(IEnumerable<Consignment> consignments, CuscarEnvelope envelope)
    {
        var voyages = new List<List<Consignment>>();
        var byVoyage = new Dictionary<VoyageKey, List<Consignment>>();
        foreach (var c in consignments)
        {
            var key = new VoyageKey(c.Direction, c.Mode, c.Carrier, c.Conveyance, c.Departure, c.EstimatedArrival);
            if (!byVoyage.TryGetValue(key, out var list))
            {
                byVoyage[key] = list = [];
                voyages.Add(list);
            }
            list.Add(c);
        }
        _b.Clear();
        var body = new StringBuilder();
        for (var i = 0; i < voyages.Count; i++)
        {
            _b.Clear();
            Message(voyages[i], $"{envelope.Reference}-{i + 1}", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), envelope, MessageFunction.Original);
            body.Append(_b);
        }
        return Envelope(body.ToString(), voyages.Count, envelope);
    }

    /// <summary>Writes one message cancelling the documents (BGM message function 1, a CNI per document).</summary>
    public string WriteCancellation(IEnumerable<TransportDocument> documents, CuscarEnvelope envelope)
    {
        _b.Clear();
        var n = Begin("1", envelope);
        Segment(n, "BGM", "785", C($"{envelope.Reference}-1"), CuscarCodes.FunctionCancellation);
        var i = 0;
        foreach (var document in documents)
        {
            Segment(n, "CNI", (++i).ToString(System.Globalization.CultureInfo.InvariantCulture), C(document.Number));
            DocumentReferences(n, document);
        }
        End(n, "1");
        return Envelope(_b.ToString(), 1, envelope);
    }

    private readonly record struct VoyageKey(Direction Direction, TransportMode Mode, Carrier? Carrier, Conveyance? Conveyance, DateTimeOffset? Departure, DateTimeOffset? Arrival);

    private string Envelope(string body, int messages, CuscarEnvelope envelope)
    {
        var ascii = Ascii.IsValid(body) && Ascii.IsValid(envelope.Sender) && Ascii.IsValid(envelope.Recipient);
        var head = new StringBuilder();
        var (date, time) = (envelope.PreparedAt.UtcDateTime.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture), envelope.PreparedAt.UtcDateTime.ToString("HHmm", System.Globalization.CultureInfo.InvariantCulture));
        head.Append(_d.ServiceStringAdvice).Append('\n');
        head.Append("UNB+").Append(ascii ? "UNOC:3" : "UNOW:4").Append('+');
        EdifactValues.AppendEscaped(head, envelope.Sender, _d);
        head.Append('+');
        EdifactValues.AppendEscaped(head, envelope.Recipient, _d);
        head.Append('+').Append(date).Append(':').Append(time).Append('+');
        EdifactValues.AppendEscaped(head, envelope.Reference, _d);
        head.Append("'\n").Append(body).Append("UNZ+").Append(messages).Append('+');
        EdifactValues.AppendEscaped(head, envelope.Reference, _d);
        head.Append("'\n");
        return head.ToString();
    }

    private void Message(List<Consignment> voyage, string documentNumber, string reference, CuscarEnvelope envelope, MessageFunction function)
    {
        var n = Begin(reference, envelope);
        var first = voyage[0];
        Segment(n, "BGM", "785", C(documentNumber), function == MessageFunction.Cancellation ? CuscarCodes.FunctionCancellation : CuscarCodes.FunctionOriginal);
        var (prepared, preparedFormat) = EdifactValues.FormatDate(envelope.PreparedAt);
        Segment(n, "DTM", C(CuscarCodes.DocumentDate, prepared, preparedFormat));
        Segment(n, "GIS", C(CuscarCodes.CodeOf(first.Direction), "", "ZZZ"));
        var v = first.Conveyance;
        var reference8028 = first.Mode == TransportMode.Air ? v?.FlightNumber ?? v?.Voyage : v?.Voyage ?? v?.FlightNumber;
        var carrier = first.Carrier is { } k ? C(k.Code ?? "", "", "", k.Name) : "";
        var means = v?.Imo is { } imo ? C(imo.Value, CuscarCodes.ImoCodeList, "11", v.VesselName ?? "")
            : v?.VehicleRegistration is { } reg ? C(reg, "", "", v.VesselName ?? "")
            : v?.VesselName is { } name ? C("", "", "", name) : "";
        Segment(n, "TDT", CuscarCodes.MainCarriage, C(reference8028 ?? ""), ((int)first.Mode).ToString(System.Globalization.CultureInfo.InvariantCulture), "", carrier, "", "", means);
        if (first.Departure is { } departure)
        {
            var (text, format) = EdifactValues.FormatDate(departure);
            Segment(n, "DTM", C(CuscarCodes.DepartureEstimated, text, format));
        }
        if (first.EstimatedArrival is { } arrival)
        {
            var (text, format) = EdifactValues.FormatDate(arrival);
            Segment(n, "DTM", C(CuscarCodes.ArrivalEstimated, text, format));
        }
        for (var i = 0; i < voyage.Count; i++)
        {
            Consignment(n, voyage[i], i + 1);
        }
        End(n, reference);
    }

    private void Consignment(int[] n, Consignment c, int index)
    {
        Segment(n, "CNI", index.ToString(System.Globalization.CultureInfo.InvariantCulture), C(c.Document.Number));
        Segment(n, "CNT", C("7", EdifactValues.FormatDecimal(c.TotalGrossMassKg), "KGM"));
        Segment(n, "CNT", C("11", c.Goods.Sum(g => g.Packages).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        DocumentReferences(n, c.Document);
        Place(n, CuscarCodes.PortOfLoading, c.PlaceOfLoading?.Value);
        Place(n, CuscarCodes.PortOfDischarge, c.PlaceOfDischarge?.Value);
        Place(n, CuscarCodes.PlaceOfDestination, c.FinalDestination?.Value);
        foreach (var country in c.Route)
        {
            Segment(n, "LOC", CuscarCodes.Routing, C(country.Value, "", "5"));
        }
        foreach (var p in c.Parties)
        {
            Party(n, p);
        }
        foreach (var g in c.Goods)
        {
            Goods(n, g);
        }
        foreach (var e in c.Equipment)
        {
            Segment(n, "EQD", "CN", C(e.ContainerNumber.Value), C(e.SizeType ?? ""));
            foreach (var seal in e.Seals)
            {
                Segment(n, "SEL", C(seal));
            }
        }
    }

    private void DocumentReferences(int[] n, TransportDocument d)
    {
        switch (d.Kind)
        {
            case TransportDocumentKind.HouseAirWaybill:
                Segment(n, "RFF", C(CuscarCodes.HouseWaybill, d.Number));
                Optional(n, CuscarCodes.AirWaybill, d.MasterNumber);
                break;
            case TransportDocumentKind.HouseBillOfLading:
                Segment(n, "RFF", C(CuscarCodes.HouseBillOfLading, d.Number));
                Optional(n, CuscarCodes.BillOfLading, d.MasterNumber);
                break;
            default:
                var code = d.Kind switch
                {
                    TransportDocumentKind.OceanBillOfLading => CuscarCodes.BillOfLading,
                    TransportDocumentKind.MasterAirWaybill => CuscarCodes.AirWaybill,
                    _ => CuscarCodes.OtherDocuments.First(o => o.Kind == d.Kind).Code,
                };
                Segment(n, "RFF", C(code, d.Number));
                Optional(n, CuscarCodes.MasterBillOfLading, d.MasterNumber);
                break;
        }
    }

    private void Optional(int[] n, string qualifier, string? number)
    {
        if (number is not null)
        {
            Segment(n, "RFF", C(qualifier, number));
        }
    }

    private void Place(int[] n, string qualifier, string? locode)
    {
        if (locode is not null)
        {
            Segment(n, "LOC", qualifier, C(locode, "139", "6"));
        }
    }

    private void Party(int[] n, Party p)
    {
        var id = p.Identifiers.Count > 0 ? C(p.Identifiers[0].Value, p.Identifiers[0].Scheme, "ZZZ") : "";
        var a = p.Address;
        Segment(n, "NAD", CuscarCodes.CodeOf(p.Role), id, "", C(Split(p.Name, NameComponent, 5)), C(Split(a?.Street, NameComponent, 4)), C(a?.City ?? ""), "", C(a?.Postcode ?? ""), p.Country?.Value ?? "");
        if (p.Phone is not null || p.Email is not null)
        {
            Segment(n, "CTA", "IC");
            if (p.Phone is not null)
            {
                Segment(n, "COM", C(p.Phone, "TE"));
            }
            if (p.Email is not null)
            {
                Segment(n, "COM", C(p.Email, "EM"));
            }
        }
    }

    private void Goods(int[] n, GoodsItem g)
    {
        Segment(n, "GID", g.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), C(g.Packages.ToString(System.Globalization.CultureInfo.InvariantCulture), g.PackageType ?? ""));
        var lines = Split(g.Description, TextComponent, int.MaxValue);
        for (var i = 0; i < lines.Length; i += 5)
        {
            Segment(n, "FTX", "AAA", "", "", C(lines.Skip(i).Take(5).ToArray()));
        }
        Segment(n, "MEA", "AAE", "G", C("KGM", EdifactValues.FormatDecimal(g.GrossMassKg)));
        if (g.NetMassKg is { } net)
        {
            Segment(n, "MEA", "AAE", "AAL", C("KGM", EdifactValues.FormatDecimal(net)));
        }
        if (g.HsCode is { } hs)
        {
            Segment(n, "PIA", "5", C(hs.Value, "HS"));
        }
        if (g.Value is { } value)
        {
            Segment(n, "MOA", C("40", EdifactValues.FormatDecimal(value.Amount), value.Currency.Value));
        }
        if (g.Origin is { } origin)
        {
            Segment(n, "LOC", CuscarCodes.CountryOfOrigin, C(origin.Value, "", "5"));
        }
        foreach (var container in g.Containers)
        {
            Segment(n, "SGP", C(container));
        }
    }

    private int[] Begin(string reference, CuscarEnvelope envelope)
    {
        var n = new[] { 0 };
        Segment(n, "UNH", C(reference), C("CUSCAR", "D", envelope.Directory, "UN"));
        return n;
    }

    private void End(int[] n, string reference) =>
        Segment(n, "UNT", (n[0] + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), C(reference));

    /// <summary>A composite: components joined by the component separator, escaped, trailing empty ones dropped.</summary>
    private string C(params string[] components)
    {
        var last = components.Length - 1;
        while (last >= 0 && components[last].Length == 0)
        {
            last--;
        }
        var b = new StringBuilder();
        for (var i = 0; i <= last; i++)
        {
            if (i > 0)
            {
                b.Append((char)_d.Component);
            }
            EdifactValues.AppendEscaped(b, components[i], _d);
        }
        return b.ToString();
    }

    /// <summary>Writes a segment whose elements are already escaped composites; trailing empty elements are dropped.</summary>
    private void Segment(int[] n, string tag, params string[] elements)
    {
        var last = elements.Length - 1;
        while (last >= 0 && elements[last].Length == 0)
        {
            last--;
        }
        _b.Append(tag);
        for (var i = 0; i <= last; i++)
        {
            _b.Append((char)_d.Element);
            // Every element arrives escaped: free text goes through C() first.
            _b.Append(elements[i]);
        }
        _b.Append((char)_d.Terminator).Append('\n');
        n[0]++;
    }

    /// <summary>Splits text at spaces into parts of at most <paramref name="width"/> characters (a longer word stays whole), the last part taking the rest.</summary>
    private static string[] Split(string? text, int width, int maxParts)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }
        var parts = new List<string>();
        var rest = text;
        while (rest.Length > width && parts.Count < maxParts - 1)
        {
            var cut = rest.LastIndexOf(' ', width);
            if (cut <= 0)
            {
                cut = rest.IndexOf(' ', StringComparison.Ordinal);
                if (cut <= 0)
                {
                    break;
                }
            }
            parts.Add(rest[..cut]);
            rest = rest[(cut + 1)..];
        }
        parts.Add(rest);
        return [.. parts];
    }
}
