using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Pipeline;

namespace OpenCts.Ingestion.Iata;

/// <summary>IATA Cargo-IMP text messages: FWB (air waybill), FHL (house waybills of a master) and FFM (flight manifest).</summary>
/// <remarks>
/// A Type B envelope before the message (priority and address lines, the <c>.ORIGIN ddhhmm</c> line) is skipped; its
/// originator is the sender. The message id is the message type, the waybill or flight and a hash of the text, so that
/// a resent message is recognised and an amended one is not.
/// </remarks>
public sealed partial class CargoImpFormat : IMessageFormat
{
    private readonly AirportCodes? _airports;
    private readonly int _maxLines;

    public CargoImpFormat()
        : this(null)
    {
    }

    /// <param name="airports">How IATA airport codes become UN/LOCODEs; null for <see cref="AirportCodes.Default"/>, built when the first waybill needs it (it reads the embedded UN/LOCODE list, a quarter of a second that a process which reads no waybill need not pay).</param>
    /// <param name="maxLines">A message longer than this is rejected with a clear error.</param>
    public CargoImpFormat(AirportCodes? airports, int maxLines = 50_000)
    {
        _airports = airports;
        _maxLines = maxLines;
    }

    public string Name => "cargo-imp";

    [GeneratedRegex(@"^(?<prefix>[0-9]{3})-(?<serial>[0-9]{8})(?<origin>[A-Z]{3})(?<dest>[A-Z]{3})(/(?<code>[TPSDM])(?<pieces>[0-9]{1,4})(?<unit>[KL])(?<weight>[0-9]{1,7}(\.[0-9]{1,2})?))?(?<rest>.*)$")]
    private static partial Regex WaybillLine();

    [GeneratedRegex(@"^(?<type>FWB|FHL|FFM)/(?<version>[0-9]{1,3})\s*$")]
    private static partial Regex Identification();

    public bool Recognises(string fileName, ReadOnlySpan<byte> head)
    {
        // The identification line ("FWB/16") is short, so only a line of that length is decoded: every message a server
        // receives is offered to each format in turn, and decoding and splitting the whole head cost more than the parse.
        var rest = head;
        for (var lines = 0; lines < 12 && !rest.IsEmpty; lines++)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = TrimWhiteSpace(end < 0 ? rest : rest[..end]);
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (line.Length is >= 5 and <= 7 && Identification().IsMatch(Encoding.ASCII.GetString(line)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The line without the characters <see cref="string.Trim()"/> takes off an ASCII line.</summary>
    private static ReadOnlySpan<byte> TrimWhiteSpace(ReadOnlySpan<byte> line)
    {
        static bool White(byte b) => b is (>= 0x09 and <= 0x0D) or 0x20;
        var start = 0;
        var end = line.Length;
        while (start < end && White(line[start]))
        {
            start++;
        }
        while (end > start && White(line[end - 1]))
        {
            end--;
        }
        return line[start..end];
    }

    public IReadOnlyList<ParsedMessage> Parse(string fileName, ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(content.Span);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r', ' ', '\t')).ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(content.Span))[..12];
        string? originator = null;
        var start = -1;
        for (var i = 0; i < lines.Length && i < 12; i++)
        {
            if (lines[i].StartsWith('.') && lines[i].Length > 1)
            {
                // Split on every kind of white space, so that a form feed or tab never stands as the sender's name.
                originator = lines[i][1..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } first
                    ? first[..Math.Min(first.Length, 128)]
                    : null;
            }
            if (Identification().Match(lines[i].Trim()) is { Success: true } m)
            {
                start = i;
                break;
            }
        }
        if (start < 0)
        {
            return [Rejected(content, "unknown", fileName, $"{fileName}: line 1", "expected a standard message identifier such as FWB/16, FHL/4 or FFM/8 in the first lines")];
        }
        if (lines.Length > _maxLines)
        {
            return [Rejected(content, originator ?? "unknown", fileName, $"{fileName}: line {_maxLines + 1}", $"the message has {lines.Length:N0} lines; at most {_maxLines:N0} are read")];
        }
        var type = lines[start].Trim()[..3];
        if (start + 1 >= lines.Length || lines[start + 1].Length == 0)
        {
            return [Rejected(content, originator ?? "unknown", fileName, $"{fileName}: line {start + 2}", $"the message ends after its identifier {lines[start].Trim()}; expected the waybill or flight line")];
        }
        var reader = new ImpReader(fileName, lines, start + 1, receivedAt);
        var drafts = type switch
        {
            "FWB" => reader.Waybill(),
            "FHL" => reader.HouseList(),
            _ => reader.FlightManifest(),
        };
        var key = drafts.Count > 0 ? drafts[0].MasterNumber ?? drafts[0].Number : "none";
        var sender = originator ?? (drafts.Count > 0 ? "iata:" + key[..Math.Min(3, key.Length)] : "unknown");
        var messageId = $"{type}:{(type == "FFM" ? reader.Flight ?? key : key)}:{hash}";
        var provenance = new Provenance(sender, messageId.Length > 128 ? messageId[..128] : messageId, receivedAt);
        var issues = reader.Issues;
        var consignments = new List<Consignment>();
        foreach (var draft in drafts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (AirWaybills.Build(draft, _airports ?? AirportCodes.Default, provenance, issues) is { } c)
            {
                consignments.Add(c);
            }
        }
        if (drafts.Count == 0 && !issues.Exists(i => i.Severity == IssueSeverity.Error))
        {
            issues.Add(new(IssueSeverity.Error, $"{fileName}: line {start + 1} ({type})", "the message names no waybill"));
        }
        var rejected = issues.Exists(i => i.Severity == IssueSeverity.Error);
        return [new ParsedMessage(type.ToLowerInvariant(), sender, messageId, content, rejected ? [] : consignments, issues, MessageFunction.Original, default, reader.Unmapped)];
    }

    private static ParsedMessage Rejected(ReadOnlyMemory<byte> raw, string sender, string fileName, string where, string why) =>
        new("cargo-imp", sender, fileName, raw, [], [new IngestionIssue(IssueSeverity.Error, where, why)]);

    /// <summary>Reads the lines of one message; continuation lines start with <c>/</c>.</summary>
    private sealed class ImpReader(string fileName, string[] lines, int first, DateTimeOffset receivedAt)
    {
        public List<IngestionIssue> Issues { get; } = [];

        public List<string> Unmapped { get; } = [];

        public string? Flight { get; private set; }

        private string At(int i) =>
            i < lines.Length && lines[i].Length > 0 ? $"{fileName}: line {i + 1} ({Printable.Of(lines[i].Length >= 3 ? lines[i][..3] : lines[i])})" : $"{fileName}: line {i + 1}";

        private void Error(int i, string message) => Issues.Add(new(IssueSeverity.Error, At(i), message));

        public List<AirWaybillDraft> Waybill()
        {
            var i = first;
            var draft = WaybillHeader(i++, null);
            if (draft is null)
            {
                return [];
            }
            AirItemDraft? item = null;
            while (i < lines.Length)
            {
                var line = lines[i];
                var tag = line.Length >= 3 ? line[..3] : line;
                switch (tag)
                {
                    case "FLT":
                        var f = line.Split('/');
                        draft.FlightNumber ??= f.Length > 1 && f[1].Length >= 3 ? f[1] : null;
                        i++;
                        break;
                    case "SHP" or "CNE" or "NFY":
                        i = PartyBlock(i, draft, tag switch { "SHP" => PartyRole.Consignor, "CNE" => PartyRole.Consignee, _ => PartyRole.NotifyParty });
                        break;
                    case "RTD":
                        item = new AirItemDraft();
                        draft.Items.Add(item);
                        foreach (var field in line.Split('/').Skip(2))
                        {
                            if (field.StartsWith('P') && int.TryParse(field[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var pieces))
                            {
                                item.Pieces = pieces;
                            }
                            else if (field.Length > 1 && field[0] is 'K' or 'L' && decimal.TryParse(field[1..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var w))
                            {
                                item.GrossKg = field[0] == 'L' ? Math.Round(w * 0.45359237m, 3) : w;
                            }
                        }
                        i = ItemLines(i + 1, item);
                        break;
                    default:
                        if (line.Length > 0)
                        {
                            Unmapped.Add($"line {i + 1}: {line}");
                        }
                        i++;
                        break;
                }
            }
            return [draft];
        }

        public List<AirWaybillDraft> HouseList()
        {
            var i = first;
            var master = lines[i].StartsWith("MBI/", StringComparison.Ordinal) ? WaybillHeader(i, lines[i][4..]) : null;
            if (master is null)
            {
                if (!lines[i].StartsWith("MBI/", StringComparison.Ordinal))
                {
                    Error(i, "expected the master waybill line MBI/ppp-ssssssssOOODDD/T<pieces>K<weight>");
                }
                return [];
            }
            i++;
            var houses = new List<AirWaybillDraft>();
            AirWaybillDraft? house = null;
            while (i < lines.Length)
            {
                var line = lines[i];
                var tag = line.Length >= 3 ? line[..3] : line;
                switch (tag)
                {
                    case "HBS":
                        house = HouseSummary(i, master.Number);
                        if (house is not null)
                        {
                            houses.Add(house);
                        }
                        i++;
                        break;
                    case "TXT" when house is not null:
                        if (line.Length > 4 && line[4..].Trim() is { Length: > 0 } first)
                        {
                            house.Items[0].Description.Add(first);
                        }
                        i = Continuations(i + 1, l =>
                        {
                            if (l.Length > 0)
                            {
                                house.Items[0].Description.Add(l);
                            }
                        });
                        break;
                    case "HTS" when house is not null:
                        house.Items[0].HsCode ??= line.Length > 4 ? line[4..].Trim() : null;
                        i = Continuations(i + 1, _ => { });
                        break;
                    case "SHP" or "CNE" when house is not null:
                        i = PartyBlock(i, house, tag == "SHP" ? PartyRole.Consignor : PartyRole.Consignee);
                        break;
                    default:
                        if (line.Length > 0)
                        {
                            Unmapped.Add($"line {i + 1}: {line}");
                        }
                        i++;
                        break;
                }
            }
            if (houses.Count == 0)
            {
                Error(first, "the consolidation list names no house waybill (HBS)");
            }
            return houses;
        }

        public List<AirWaybillDraft> FlightManifest()
        {
            var i = first;
            var header = lines[i].Split('/');
            if (header.Length < 4 || header[1].Length < 3)
            {
                Error(i, "expected the flight line <sequence>/<carrier and flight number>/<day and month>/<airport of loading>, such as 1/KL0888/28NOV/HKG");
                return [];
            }
            Flight = header[1];
            var departureDay = Day(header[2]);
            string? unloading = null;
            var drafts = new List<AirWaybillDraft>();
            for (i++; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.Length >= 3 && line.Length <= 3 + 20 && line[..3].All(char.IsAsciiLetterUpper) && (line.Length == 3 || line[3] == '/'))
                {
                    if (line[..3] is "ULD" or "SSR" or "OSI" or "COR" or "OCI" or "DIM" or "SCI")
                    {
                        Unmapped.Add($"line {i + 1}: {line}");
                        continue;
                    }
                    unloading = line[..3];
                    continue;
                }
                if (line is "LAST" or "CONT" || line.Length == 0)
                {
                    continue;
                }
                if (char.IsAsciiDigit(line[0]) && line.Contains('-', StringComparison.Ordinal))
                {
                    if (WaybillHeader(i, line) is { } draft)
                    {
                        draft.FlightNumber = Flight;
                        draft.Departure = departureDay;
                        draft.Destination ??= unloading;
                        drafts.Add(draft);
                    }
                    continue;
                }
                Unmapped.Add($"line {i + 1}: {line}");
            }
            return drafts;
        }

        /// <summary>Reads <c>176-12345675HKGAMS/T10K1250.5[/description]</c>.</summary>
        private AirWaybillDraft? WaybillHeader(int i, string? text)
        {
            text ??= i < lines.Length ? lines[i] : "";
            var m = WaybillLine().Match(text);
            if (!m.Success)
            {
                Error(i, $"'{text}' is not a waybill line; expected ppp-ssssssssOOODDD/T<pieces>K<weight>, such as 176-12345675HKGAMS/T10K1250.5");
                return null;
            }
            var draft = new AirWaybillDraft
            {
                Number = $"{m.Groups["prefix"].Value}-{m.Groups["serial"].Value}",
                Place = At(i),
                Origin = m.Groups["origin"].Value,
                Destination = m.Groups["dest"].Value,
            };
            if (m.Groups["pieces"].Success)
            {
                draft.Pieces = int.Parse(m.Groups["pieces"].Value, CultureInfo.InvariantCulture);
                var weight = decimal.Parse(m.Groups["weight"].Value, CultureInfo.InvariantCulture);
                draft.GrossKg = m.Groups["unit"].Value == "L" ? Math.Round(weight * 0.45359237m, 3) : weight;
            }
            if (m.Groups["rest"].Value.TrimStart('/') is { Length: > 0 } description && !description.Contains('/', StringComparison.Ordinal))
            {
                draft.Items.Add(new AirItemDraft { Description = [description.Trim()] });
            }
            return draft;
        }

        /// <summary>Reads <c>HBS/house/OOODDD/pieces/Kweight/slac/description</c>.</summary>
        private AirWaybillDraft? HouseSummary(int i, string master)
        {
            var f = lines[i].Split('/');
            if (f.Length < 5 || f[1].Length == 0 || f[2].Length != 6 || !int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var pieces) ||
                f[4].Length < 2 || f[4][0] is not ('K' or 'L') || !decimal.TryParse(f[4][1..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var weight))
            {
                Error(i, "expected HBS/<house waybill>/<origin><destination>/<pieces>/K<weight>/<SLAC>/<description>");
                return null;
            }
            var draft = new AirWaybillDraft
            {
                Number = f[1],
                MasterNumber = master,
                Place = At(i),
                Origin = f[2][..3],
                Destination = f[2][3..],
                Pieces = pieces,
                GrossKg = f[4][0] == 'L' ? Math.Round(weight * 0.45359237m, 3) : weight,
            };
            var item = new AirItemDraft();
            if (f.Length > 6 && f[6].Trim() is { Length: > 0 } description)
            {
                item.Description.Add(description);
            }
            draft.Items.Add(item);
            return draft;
        }

        /// <summary>Reads a party block: <c>SHP[/account]</c>, then <c>/name</c>, <c>/street</c>, <c>/city[/state]</c>, <c>/country[/postcode[/TE/number]]</c>.</summary>
        private int PartyBlock(int i, AirWaybillDraft draft, PartyRole role)
        {
            var party = new AirPartyDraft { Role = role };
            var head = lines[i].Split('/');
            party.Account = head.Length > 1 && head[1].Length > 0 ? head[1] : null;
            var parts = new List<string[]>();
            i = Continuations(i + 1, l => parts.Add(l.Split('/')));
            if (parts.Count > 0)
            {
                party.Name = parts[0][0];
            }
            if (parts.Count > 1)
            {
                party.Street = parts[1][0];
            }
            if (parts.Count > 2)
            {
                party.City = parts[2][0];
            }
            if (parts.Count > 3)
            {
                var p = parts[3];
                party.Country = p[0].Length == 2 ? p[0] : null;
                party.Postcode = p.Length > 1 && p[1].Length > 0 ? p[1] : null;
                for (var k = 2; k + 1 < p.Length; k += 2)
                {
                    if (p[k] == "TE")
                    {
                        party.Phone ??= p[k + 1];
                    }
                }
            }
            draft.Parties.Add(party);
            return i;
        }

        private int ItemLines(int i, AirItemDraft item)
        {
            while (i < lines.Length && lines[i].StartsWith('/'))
            {
                var f = lines[i].Split('/');
                var code = f.Length > 1 ? f[1] : "";
                var value = f.Length > 2 ? string.Join('/', f[2..]).Trim() : "";
                switch (code)
                {
                    case "NG" or "NC" when value.Length > 0:
                        item.Description.Add(value);
                        break;
                    case "NH" when value.Length > 0:
                        item.HsCode ??= value;
                        break;
                    case "NO" when value.Length == 2:
                        item.Origin ??= value;
                        break;
                    default:
                        Unmapped.Add($"line {i + 1}: {lines[i]}");
                        break;
                }
                i++;
            }
            return i;
        }

        private int Continuations(int i, Action<string> take)
        {
            while (i < lines.Length && lines[i].StartsWith('/'))
            {
                take(lines[i][1..].Trim());
                i++;
            }
            return i;
        }

        /// <summary>A day and month such as <c>28NOV</c>, in the year that puts it nearest to when the message came.</summary>
        private DateTimeOffset? Day(string text)
        {
            if (text.Length < 5 || !DateTime.TryParseExact(text[..5], "ddMMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return null;
            }
            var best = (DateTimeOffset?)null;
            foreach (var year in new[] { receivedAt.Year - 1, receivedAt.Year, receivedAt.Year + 1 })
            {
                if (day.Month == 2 && day.Day == 29 && !DateTime.IsLeapYear(year))
                {
                    continue;
                }
                var candidate = new DateTimeOffset(year, day.Month, day.Day, 0, 0, 0, TimeSpan.Zero);
                if (best is null || Math.Abs((candidate - receivedAt).Ticks) < Math.Abs((best.Value - receivedAt).Ticks))
                {
                    best = candidate;
                }
            }
            return best;
        }
    }
}
