using System.Globalization;
using System.Text;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Values;
using OpenCts.Domain.Text;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Quality;
using Sylvan.Data.Csv;

namespace OpenCts.Ingestion.Csv;

/// <summary>Bulk loads in the OpenCTS CSV layout: a file is one message, a row one goods item.</summary>
public sealed class CsvMessageFormat : IMessageFormat
{
    public string Name => "csv";

    public bool Recognises(string fileName, ReadOnlySpan<byte> head)
    {
        // Read on the bytes of the first line alone: every message a server receives is offered to each format in turn,
        // and decoding and splitting the whole body here was a fifth of what the server allocated per message.
        var end = head.IndexOf((byte)'\n');
        var firstLine = end < 0 ? head : head[..end];
        return firstLine.IndexOf("documentNumber"u8) >= 0 && firstLine.IndexOf("messageId"u8) >= 0;
    }

    public IReadOnlyList<ParsedMessage> Parse(string fileName, ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var rows = new CsvRowReader(fileName);
        try
        {
            var message = rows.Read(content, receivedAt, cancellationToken);
            return [message with { Raw = content }];
        }
        catch (CsvInputException e)
        {
            // Messages quote values, which a quoted field can fill with line breaks and other control characters.
            return [new ParsedMessage("csv", rows.Sender ?? "unknown", rows.MessageId ?? fileName, content, [], [new IngestionIssue(IssueSeverity.Error, Printable.Of(e.Location), Printable.Of(e.Message))])];
        }
    }

    /// <summary>An error in a CSV file at a line and column.</summary>
    private sealed class CsvInputException(string location, string message) : Exception(message)
    {
        public string Location { get; } = location;
    }

    private sealed class CsvRowReader(string fileName)
    {
        private readonly Dictionary<string, List<Row>> _documents = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];
        private CsvDataReader? _csv;
        private CsvLines? _lines;

        public string? Sender { get; private set; }

        public string? MessageId { get; private set; }

        public ParsedMessage Read(ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CancellationToken cancellationToken)
        {
            using var reader = new StreamReader(new MemoryStream(content.ToArray()), Encoding.UTF8);
            try
            {
                _csv = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
            }
            catch (Exception e) when (e is CsvFormatException or IOException)
            {
                throw new CsvInputException($"{fileName}: line 1", e.Message);
            }
            CheckHeader();
            _lines = new CsvLines(_csv, hasHeader: true);
            while (NextRow())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var sender = Text("sender")!;
                var messageId = Text("messageId")!;
                Sender ??= sender;
                MessageId ??= messageId;
                if (!string.Equals(sender, Sender, StringComparison.Ordinal))
                {
                    throw Error("sender", $"'{sender}' differs from '{Sender}' above; a CSV file is one message from one sender");
                }
                if (!string.Equals(messageId, MessageId, StringComparison.Ordinal))
                {
                    throw Error("messageId", $"'{messageId}' differs from '{MessageId}' above; a CSV file is one message");
                }
                var key = $"{Text("documentKind")}:{Text("documentNumber")}";
                if (!_documents.TryGetValue(key, out var rows))
                {
                    _documents[key] = rows = [];
                    _order.Add(key);
                }
                rows.Add(Capture());
            }
            if (_order.Count == 0)
            {
                throw new CsvInputException($"{fileName}: line 2", "the file has a header but no rows");
            }
            var provenance = new Provenance(Sender!, MessageId!, receivedAt);
            var consignments = _order.Select(key => Build(_documents[key]) with { Provenance = provenance }).ToList();
            return new ParsedMessage("csv", Sender!, MessageId!, ReadOnlyMemory<byte>.Empty, new(consignments), []);
        }

        private bool NextRow()
        {
            return _lines!.Read((line, column, e) => new CsvInputException($"{fileName}: line {line}, column {column}", $"malformed CSV: {e.Message}"));
        }

        private void CheckHeader()
        {
            var header = CsvHeader.Of(_csv!, StringComparer.Ordinal, trim: false);
            if (header.FirstMissing(CsvLayout.Required) is { } missing)
            {
                throw new CsvInputException($"{fileName}: line 1", $"the header lacks the required column '{missing}'");
            }
            var known = CsvLayout.All.ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < header.Names.Count; i++)
            {
                var name = header.Names[i];
                if (!known.Contains(name))
                {
                    var suggestion = known.MinBy(k => EditDistance.Between(k.ToLowerInvariant(), name.ToLowerInvariant()));
                    throw new CsvInputException($"{fileName}: line 1, column {i + 1}", $"'{name}' is not a column of the layout; did you mean '{suggestion}'?");
                }
            }
            // A value is looked up by its column's name, so a name given twice would leave the reader to guess which one holds it.
            if (header.FirstRepeated() is { } repeated)
            {
                throw new CsvInputException($"{fileName}: line 1, column {repeated.Ordinal + 1}", $"the header names the column '{repeated.Name}' twice (also column {repeated.Earlier + 1}); each column appears once");
            }
        }

        /// <summary>A row's values, with the line it starts on and, when a quoted value spans lines, the line each field starts on.</summary>
        private sealed record Row(int Line, int[]? FieldLines, Dictionary<string, string> Values)
        {
            public int LineOf(int ordinal) => FieldLines is null || ordinal >= FieldLines.Length ? Line : FieldLines[ordinal];
        }

        private Row Capture()
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < _csv!.FieldCount; i++)
            {
                var value = _csv.GetString(i).Trim();
                if (value.Length > 0)
                {
                    values[_csv.GetName(i)] = value;
                }
            }
            foreach (var column in CsvLayout.Required)
            {
                // A missing description is a fault of the content, kept as a finding; the column must still be there.
                if (!values.ContainsKey(column) && column != "description")
                {
                    throw Error(column, "is required and empty");
                }
            }
            return new Row(_lines!.Line, FieldLines(), values);
        }

        private Consignment Build(List<Row> rows)
        {
            var first = rows[0];
            var f = new RowFields(fileName, first, _csv!);
            var findings = new List<DataQualityFinding>();
            var goods = new List<GoodsItem>(rows.Count);
            foreach (var row in rows)
            {
                var g = new RowFields(fileName, row, _csv!);
                var path = $"goods[{goods.Count}]";
                var hs = DataQualityCheck.HsCode(g.Text("hsCode"), $"{path}.hsCode", findings);
                var amount = g.Decimal("value");
                var currency = DataQualityCheck.Currency(g.Text("currency"), $"{path}.value.currency", findings);
                if (amount is not null && currency is null && g.Text("currency") is null)
                {
                    throw g.Error("currency", "is required when a value is given");
                }
                var origin = DataQualityCheck.Country(g.Text("origin"), $"{path}.origin", findings);
                goods.Add(g.Guarded("itemSequence", () => new GoodsItem(
                    g.Int("itemSequence"),
                    hs,
                    g.Text("description"),
                    g.OptionalInt("packages") ?? 0,
                    g.Text("packageType"),
                    g.Decimal("grossMassKg")!.Value,
                    g.Decimal("netMassKg"),
                    amount is { } a && currency is { } c ? new Money(a, c) : null,
                    origin,
                    new(g.List("containers")))));
            }
            var parties = new List<Party>();
            f.AddParty(parties, PartyRole.Consignor, "consignor", "consignorTin", "TIN", findings);
            f.AddParty(parties, PartyRole.Consignee, "consignee", "consigneeEori", "EORI", findings);
            f.AddParty(parties, PartyRole.NotifyParty, "notify", null, null, findings);
            f.AddParty(parties, PartyRole.Declarant, "declarant", "declarantEori", "EORI", findings);
            f.AddParty(parties, PartyRole.Seller, "seller", null, null, findings);
            var seals = new ValueList<string>(f.List("seals"));
            var equipment = new List<Equipment>();
            foreach (var text in f.List("containers").Distinct(StringComparer.Ordinal))
            {
                if (DataQualityCheck.Container(text, $"equipment[{equipment.Count}].containerNumber", findings) is { } number)
                {
                    equipment.Add(new Equipment(number, seals: seals));
                }
            }
            var route = new List<CountryCode>();
            foreach (var text in f.List("route"))
            {
                if (DataQualityCheck.Country(text, $"route[{route.Count}]", findings) is { } country)
                {
                    route.Add(country);
                }
            }
            var imo = DataQualityCheck.Imo(f.Text("imo"), "conveyance.imo", findings);
            var loading = DataQualityCheck.Place(f.Text("placeOfLoading"), "placeOfLoading", findings);
            var discharge = DataQualityCheck.Place(f.Text("placeOfDischarge"), "placeOfDischarge", findings);
            var destination = DataQualityCheck.Place(f.Text("finalDestination"), "finalDestination", findings);
            var consignment = f.Guarded("documentNumber", () => new Consignment(
                new TransportDocument(f.Text("documentNumber")!, f.Enum<TransportDocumentKind>("documentKind"), f.Text("masterNumber")),
                f.Enum<Direction>("direction"),
                f.Enum<TransportMode>("mode"),
                new(parties),
                new(goods),
                f.Text("carrierName") is { } carrierName ? new Carrier(carrierName, f.Text("carrierCode")) : null,
                f.Text("vesselName") is not null || f.Text("imo") is not null || f.Text("flightNumber") is not null
                    ? new Conveyance(f.Text("vesselName"), imo, f.Text("voyage"), f.Text("flightNumber"))
                    : null,
                loading,
                discharge,
                destination,
                new(route),
                f.Instant("departure"),
                f.Instant("estimatedArrival"),
                new(equipment)));
            return DataQualityCheck.Apply(consignment, findings);
        }

        /// <summary>The line each field of the current row starts on, or null when the row is on one line, as nearly all are.</summary>
        private int[]? FieldLines()
        {
            var count = _csv!.RowFieldCount;
            if (count == 0 || _lines!.LineOf(count - 1) == _lines.Line)
            {
                return null;
            }
            var lines = new int[count];
            for (var i = 0; i < lines.Length; i++)
            {
                lines[i] = _lines!.LineOf(i);
            }
            return lines;
        }

        private string? Text(string column)
        {
            var ordinal = _csv!.GetOrdinal(column);
            var value = _csv.GetString(ordinal).Trim();
            return value.Length == 0 ? null : value;
        }

        private CsvInputException Error(string column, string message) =>
            new($"{fileName}: line {LineOf(column)}, {Position(_csv!, column)}", message);

        /// <summary>The line the current row's field in a column starts on; the row's line when the header lacks the column.</summary>
        private int LineOf(string column) => Ordinal(_csv!, column) is var i and < int.MaxValue ? _lines!.LineOf(i) : _lines!.Line;

        /// <summary>"column 7 (hsCode)", or just the name when the header lacks the column.</summary>
        private static string Position(CsvDataReader csv, string column) =>
            Ordinal(csv, column) is var i and < int.MaxValue ? $"column {i + 1} ({column})" : $"column {column} (missing from the header)";

        /// <summary>The ordinal of a column in the header; <see cref="int.MaxValue"/> when the header lacks it.</summary>
        private static int Ordinal(CsvDataReader csv, string column)
        {
            for (var i = 0; i < csv.FieldCount; i++)
            {
                if (string.Equals(csv.GetName(i), column, StringComparison.Ordinal))
                {
                    return i;
                }
            }
            return int.MaxValue;
        }

        /// <summary>Reads the captured values of one row, naming the row's line and the column in every error.</summary>
        private readonly struct RowFields(string fileName, Row row, CsvDataReader csv)
        {
            public string? Text(string column) => row.Values.GetValueOrDefault(column);

            public CsvInputException Error(string column, string message) =>
                new($"{fileName}: line {row.LineOf(Ordinal(csv, column))}, {Position(csv, column)}", message);

            public T Guarded<T>(string fallbackColumn, Func<T> build)
            {
                try
                {
                    return build();
                }
                catch (DomainException e)
                {
                    var column = ColumnOf(e.Field) ?? fallbackColumn;
                    throw Error(column, e.Reason);
                }
            }

            public T? Parse<T>(string column, Func<string, string, T> parse)
                where T : struct
            {
                var text = Text(column);
                if (text is null)
                {
                    return null;
                }
                try
                {
                    return parse(text, column);
                }
                catch (DomainException e)
                {
                    throw Error(column, e.Reason);
                }
            }

            public TEnum Enum<TEnum>(string column)
                where TEnum : struct, Enum
            {
                var text = Text(column) ?? throw Error(column, "is required");
                if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _))
                {
                    return value;
                }
                throw Error(column, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>().Select(JsonNames.Camel))}");
            }

            public int Int(string column) => OptionalInt(column) ?? throw Error(column, "is required");

            public int? OptionalInt(string column)
            {
                var text = Text(column);
                if (text is null)
                {
                    return null;
                }
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Error(column, $"'{text}' is not a whole number");
            }

            public decimal? Decimal(string column)
            {
                var text = Text(column);
                if (text is null)
                {
                    return null;
                }
                return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : throw Error(column, $"'{text}' is not a number (use a dot for decimals)");
            }

            public DateTimeOffset? Instant(string column)
            {
                var text = Text(column);
                if (text is null)
                {
                    return null;
                }
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
                    ? value
                    : throw Error(column, $"'{text}' is not an ISO 8601 date and time, such as 2026-03-01T08:00:00Z");
            }

            public string[] List(string column) => Text(column)?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

            public void AddParty(List<Party> parties, PartyRole role, string prefix, string? idColumn, string? scheme, List<DataQualityFinding> findings)
            {
                var name = Text(prefix + "Name");
                if (name is null)
                {
                    return;
                }
                var country = DataQualityCheck.Country(Text(prefix + "Country"), $"parties[{parties.Count}].country", findings);
                var street = Text(prefix + "Street");
                var city = Text(prefix + "City");
                var postcode = Text(prefix + "Postcode");
                // Every value object is built guarded, so a field too long or malformed is the file's error at its column, never a crash.
                Address? address = null;
                if (street is not null || city is not null)
                {
                    try
                    {
                        address = new Address(street, city, postcode, country);
                    }
                    catch (DomainException e)
                    {
                        // The address's fields are street, city and postcode: their columns are the party's prefix and the field.
                        throw Error(prefix + char.ToUpperInvariant(e.Field[0]) + e.Field[1..], e.Reason);
                    }
                }
                ValueList<PartyIdentifier> ids = idColumn is not null && Text(idColumn) is { } id ? [Guarded(idColumn, () => new PartyIdentifier(scheme!, id))] : default;
                var local = this;
                parties.Add(Guarded(prefix + "Name", () => new Party(role, name, address, country, ids, local.Text(prefix + "Phone"), local.Text(prefix + "Email"))));
            }

            private string? ColumnOf(string field) => field switch
            {
                _ when field.StartsWith("document.number", StringComparison.Ordinal) => "documentNumber",
                _ when field.StartsWith("document.masterNumber", StringComparison.Ordinal) => "masterNumber",
                "estimatedArrival" => "estimatedArrival",
                "netMassKg" or "grossMassKg" or "description" or "packages" or "packageType" => field,
                "sequence" => "itemSequence",
                "email" => row.Values.ContainsKey("consigneeEmail") ? "consigneeEmail" : null,
                "conveyance.flightNumber" => "flightNumber",
                "conveyance.voyage" => "voyage",
                "carrier.code" => "carrierCode",
                _ => null,
            };
        }
    }
}
