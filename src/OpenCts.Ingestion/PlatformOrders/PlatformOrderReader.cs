using System.Buffers;
using System.Globalization;
using System.Text.Json;
using OpenCts.Domain.Commerce;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Json;

namespace OpenCts.Ingestion.PlatformOrders;

/// <summary>Reads platform order files (<c>docs/platform-orders.md</c>): one JSON object with a platform and its orders.</summary>
/// <remarks>
/// A forward-only <see cref="Utf8JsonReader"/> pass, with no document tree: a file of a hundred thousand orders is read
/// at the speed of the tokenizer. Faults are collected per order, so one bad order never loses the others; the place of
/// each fault is the byte offset of its value, turned into a line and column only when there is a fault.
/// </remarks>
public static class PlatformOrderReader
{
    /// <summary>The folder of a bundle that holds its platform order files: <c>cts assess</c> and <c>cts ingest</c> read them from there, before the parcels.</summary>
    public const string BundleFolder = "platform-orders";

    private const int MaxDepth = 32;
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>Reads a whole stream as one platform order file.</summary>
    /// <remarks>
    /// The bytes are read into an array borrowed from the shared pool, of the stream's length where it has one: an order
    /// file runs to hundreds of kilobytes, and a memory stream grown to hold it left arrays of twice its size on the
    /// large-object heap, whose allocations start full collections (docs/performance.md, thirteenth round).
    /// </remarks>
    public static PlatformOrderFile Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var whole))
        {
            return Read(whole.AsSpan((int)memory.Position), source);
        }
        var array = ArrayPool<byte>.Shared.Rent(stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position + 1, 1, Array.MaxLength) : 64 * 1024);
        try
        {
            var length = 0;
            int read;
            while ((read = stream.Read(array, length, array.Length - length)) > 0)
            {
                length += read;
                if (length == array.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(array.Length * 2);
                    array.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(array);
                    array = larger;
                }
            }
            return Read(array.AsSpan(0, length), source);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    /// <summary>Reads UTF-8 bytes as one platform order file; <paramref name="source"/> names it in every error.</summary>
    public static PlatformOrderFile Read(ReadOnlySpan<byte> utf8, string source)
    {
        var context = new Context(source);
        if (JsonSyntax.FirstInvalidUtf8(utf8) is { } bad)
        {
            context.Error("$", bad, $"byte 0x{utf8[bad]:X2} is not UTF-8; platform order files are UTF-8 JSON", null);
            return context.Result(null, fileFault: true, utf8);
        }
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        string? platform = null;
        var platformSeen = false;
        try
        {
            if (!reader.Read())
            {
                context.Error("$", 0, "the file is empty; expected a JSON object with \"platform\" and \"orders\"", null);
                return context.Result(null, fileFault: true, utf8);
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                context.Error("$", reader.TokenStartIndex, $"expected a JSON object with \"platform\" and \"orders\", found {Describe(reader.TokenType)}", null);
                return context.Result(null, fileFault: true, utf8);
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "platform":
                        platformSeen = true;
                        platform = ReadString(ref reader, context, "$.platform", null, required: true, 128);
                        break;
                    case "orders":
                        if (reader.TokenType == JsonTokenType.StartArray)
                        {
                            ReadOrders(ref reader, context);
                        }
                        else
                        {
                            context.Error("$.orders", reader.TokenStartIndex, $"expected an array of orders, found {Describe(reader.TokenType)}", null);
                            reader.Skip();
                        }
                        break;
                    case "$schema":
                        reader.Skip();
                        break;
                    default:
                        context.Error($"$.{name}", reader.TokenStartIndex, "is not a field of a platform order file; expected platform, orders", null);
                        reader.Skip();
                        break;
                }
            }
            // Anything after the top-level object is a syntax error the reader raises here.
            reader.Read();
        }
        catch (JsonException e)
        {
            context.SyntaxError(e);
            return context.Result(platform, fileFault: false, utf8);
        }
        catch (InvalidOperationException)
        {
            // Valid JSON, but no text: a lone UTF-16 surrogate (\ud800) in a string or a name, which the reader refuses to read.
            context.Error("$", reader.TokenStartIndex, $"a text {JsonEscapes.NotACharacter}", null);
            return context.Result(null, fileFault: true, utf8);
        }
        if (!platformSeen)
        {
            context.Error("$.platform", 0, "is required: the platform that shared the orders", null);
            return context.Result(null, fileFault: true, utf8);
        }
        return context.Result(platform, fileFault: platform is null, utf8);
    }

    private static void ReadOrders(ref Utf8JsonReader reader, Context context)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            context.OrdersInFile = index + 1;
            var path = $"$.orders[{index}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                context.Error(path, reader.TokenStartIndex, $"expected an order object, found {Describe(reader.TokenType)}", index);
                reader.Skip();
            }
            else if (ReadOrder(ref reader, context, path, index) is { } draft)
            {
                context.Drafts.Add(draft);
            }
            index++;
        }
    }

    private static OrderDraft? ReadOrder(ref Utf8JsonReader reader, Context context, string path, int index)
    {
        var errorsBefore = context.ErrorCount;
        var draft = new OrderDraft(index, path, reader.TokenStartIndex);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var field = $"{path}.{name}";
            if (!draft.Offsets.TryAdd(name, reader.TokenStartIndex))
            {
                // The second value would silently win over the first; neither can be trusted.
                context.Error(field, reader.TokenStartIndex, "appears twice in the order", index);
                reader.Skip();
                continue;
            }
            switch (name)
            {
                case "orderNumber": draft.OrderNumber = ReadString(ref reader, context, field, index, required: true, 64); break;
                case "orderDate": draft.OrderDate = ReadDate(ref reader, context, field, index); break;
                case "seller": draft.Seller = ReadParty(ref reader, context, field, index, PartyRole.Seller, draft.Offsets, name); break;
                case "buyer": draft.Buyer = ReadParty(ref reader, context, field, index, PartyRole.Buyer, draft.Offsets, name); break;
                case "items": ReadItems(ref reader, context, field, index, draft); break;
                case "pricePaid": draft.PricePaid = ReadAmount(ref reader, context, field, index, required: true); break;
                case "shippingCost": draft.ShippingCost = ReadAmount(ref reader, context, field, index, required: false); break;
                case "currency": draft.Currency = ReadCurrency(ref reader, context, field, index); break;
                case "trackingNumber": draft.TrackingNumber = ReadString(ref reader, context, field, index, required: true, 64); break;
                default:
                    context.Error(field, reader.TokenStartIndex, "is not a field of an order; expected orderNumber, orderDate, seller, buyer, items, pricePaid, currency, trackingNumber, shippingCost", index);
                    reader.Skip();
                    break;
            }
        }
        foreach (var required in (ReadOnlySpan<string>)["orderNumber", "orderDate", "seller", "buyer", "items", "pricePaid", "currency", "trackingNumber"])
        {
            if (!draft.Offsets.ContainsKey(required))
            {
                context.Error($"{path}.{required}", draft.Start, "is required", index);
            }
        }
        return context.ErrorCount == errorsBefore ? draft : null;
    }

    private static void ReadItems(ref Utf8JsonReader reader, Context context, string path, int index, OrderDraft draft)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            context.Error(path, reader.TokenStartIndex, $"expected an array of items, found {Describe(reader.TokenType)}", index);
            reader.Skip();
            return;
        }
        var i = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var itemPath = $"{path}[{i}]";
            draft.Offsets[$"items[{i}]"] = reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                context.Error(itemPath, reader.TokenStartIndex, $"expected an item object, found {Describe(reader.TokenType)}", index);
                reader.Skip();
                i++;
                continue;
            }
            var item = new ItemDraft(reader.TokenStartIndex);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                seen.Add(name);
                var field = $"{itemPath}.{name}";
                draft.Offsets[$"items[{i}].{name}"] = reader.TokenStartIndex;
                switch (name)
                {
                    case "description": item.Description = ReadString(ref reader, context, field, index, required: true, 1024); break;
                    case "quantity": item.Quantity = ReadQuantity(ref reader, context, field, index); break;
                    case "unitPrice": item.UnitPrice = ReadAmount(ref reader, context, field, index, required: true); break;
                    case "hs": item.Hs = ReadHs(ref reader, context, field, index); break;
                    case "brand": item.Brand = ReadString(ref reader, context, field, index, required: false, 128); break;
                    default:
                        context.Error(field, reader.TokenStartIndex, "is not a field of an item; expected description, quantity, unitPrice, hs, brand", index);
                        reader.Skip();
                        break;
                }
            }
            foreach (var required in (ReadOnlySpan<string>)["description", "quantity", "unitPrice"])
            {
                if (!seen.Contains(required))
                {
                    context.Error($"{itemPath}.{required}", item.Start, "is required", index);
                }
            }
            draft.Items.Add(item);
            i++;
        }
        if (i == 0)
        {
            context.Error(path, draft.Offsets["items"], "an order needs at least one item", index);
        }
    }

    private static Party? ReadParty(ref Utf8JsonReader reader, Context context, string path, int index, PartyRole role, Dictionary<string, long> offsets, string prefix)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            context.Error(path, reader.TokenStartIndex, $"expected a party object with name, address, email, phone, identifiers, found {Describe(reader.TokenType)}", index);
            reader.Skip();
            return null;
        }
        var start = reader.TokenStartIndex;
        string? name = null, email = null, phone = null;
        Address? address = null;
        var identifiers = new List<PartyIdentifier>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString()!;
            reader.Read();
            var field = $"{path}.{property}";
            offsets[$"{prefix}.{property}"] = reader.TokenStartIndex;
            switch (property)
            {
                case "name": name = ReadString(ref reader, context, field, index, required: true, 512); break;
                case "email": email = ReadEmail(ref reader, context, field, index); break;
                case "phone": phone = ReadString(ref reader, context, field, index, required: false, 64); break;
                case "address": address = ReadAddress(ref reader, context, field, index); break;
                case "identifiers": ReadIdentifiers(ref reader, context, field, index, identifiers); break;
                default:
                    context.Error(field, reader.TokenStartIndex, "is not a field of a party; expected name, address, email, phone, identifiers", index);
                    reader.Skip();
                    break;
            }
        }
        if (name is null)
        {
            if (!offsets.ContainsKey($"{prefix}.name"))
            {
                context.Error($"{path}.name", start, "is required", index);
            }
            return null;
        }
        try
        {
            return new Party(role, name, address, identifiers: new(identifiers), phone: phone, email: email);
        }
        catch (DomainException e)
        {
            context.Error($"{path}.{e.Field}", start, Printable(e.Reason), index);
            return null;
        }
    }

    private static Address? ReadAddress(ref Utf8JsonReader reader, Context context, string path, int index)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            context.Error(path, reader.TokenStartIndex, $"expected an address object with street, city, postcode, country, found {Describe(reader.TokenType)}", index);
            reader.Skip();
            return null;
        }
        string? street = null, city = null, postcode = null;
        CountryCode? country = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString()!;
            reader.Read();
            var field = $"{path}.{property}";
            switch (property)
            {
                case "street": street = ReadString(ref reader, context, field, index, required: false, 512); break;
                case "city": city = ReadString(ref reader, context, field, index, required: false, 128); break;
                case "postcode": postcode = ReadString(ref reader, context, field, index, required: false, 32); break;
                case "country":
                    var at = reader.TokenStartIndex;
                    if (ReadString(ref reader, context, field, index, required: false, 8) is { } code)
                    {
                        if (CountryCode.TryParse(code, out var parsed, out var error))
                        {
                            country = parsed;
                        }
                        else
                        {
                            context.Error(field, at, error, index);
                        }
                    }
                    break;
                default:
                    context.Error(field, reader.TokenStartIndex, "is not a field of an address; expected street, city, postcode, country", index);
                    reader.Skip();
                    break;
            }
        }
        return new Address(street, city, postcode, country);
    }

    private static void ReadIdentifiers(ref Utf8JsonReader reader, Context context, string path, int index, List<PartyIdentifier> identifiers)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            context.Error(path, reader.TokenStartIndex, $"expected an array of {{\"scheme\", \"value\"}} objects, found {Describe(reader.TokenType)}", index);
            reader.Skip();
            return;
        }
        var i = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var itemPath = $"{path}[{i++}]";
            var at = reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                context.Error(itemPath, at, $"expected an object with scheme and value, found {Describe(reader.TokenType)}", index);
                reader.Skip();
                continue;
            }
            string? scheme = null, value = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.GetString()!;
                reader.Read();
                switch (property)
                {
                    case "scheme": scheme = ReadString(ref reader, context, $"{itemPath}.scheme", index, required: true, 16); break;
                    case "value": value = ReadString(ref reader, context, $"{itemPath}.value", index, required: true, 64); break;
                    default:
                        context.Error($"{itemPath}.{property}", reader.TokenStartIndex, "is not a field of an identifier; expected scheme, value", index);
                        reader.Skip();
                        break;
                }
            }
            if (scheme is not null && value is not null)
            {
                identifiers.Add(new PartyIdentifier(scheme, value));
            }
            else
            {
                context.Error(itemPath, at, "an identifier needs a scheme and a value", index);
            }
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader, Context context, string path, int? index, bool required, int maxLength)
    {
        var at = reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var text = reader.GetString()!.Trim();
                if (text.Length == 0)
                {
                    if (required)
                    {
                        context.Error(path, at, "is required and must not be blank", index);
                    }
                    return null;
                }
                if (text.Length > maxLength)
                {
                    context.Error(path, at, $"is {text.Length} characters long; at most {maxLength} are allowed", index);
                    return null;
                }
                return text;
            case JsonTokenType.Null when !required:
                return null;
            default:
                context.Error(path, at, $"expected a string, found {Describe(reader.TokenType)}", index);
                reader.Skip();
                return null;
        }
    }

    private static string? ReadEmail(ref Utf8JsonReader reader, Context context, string path, int index)
    {
        var at = reader.TokenStartIndex;
        var email = ReadString(ref reader, context, path, index, required: false, 254);
        if (email is not null && (email.IndexOf('@', StringComparison.Ordinal) is var sign && (sign <= 0 || sign == email.Length - 1)))
        {
            context.Error(path, at, $"'{Printable(email)}' is not an e-mail address", index);
            return null;
        }
        return email;
    }

    private static DateTimeOffset? ReadDate(ref Utf8JsonReader reader, Context context, string path, int index)
    {
        var at = reader.TokenStartIndex;
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            // The reader's own ISO 8601 parser is several times faster than parsing text against formats; it takes a
            // value without an offset as local time, so such a value is read as a DateTime and placed in UTC here.
            var raw = reader.ValueSpan;
            var time = raw.IndexOf((byte)'T');
            var hasOffset = time > 0 && (raw[^1] == (byte)'Z' || raw[time..].IndexOfAny((byte)'+', (byte)'-') > 0);
            if (hasOffset && reader.TryGetDateTimeOffset(out var withOffset))
            {
                return withOffset;
            }
            if (!hasOffset && reader.TryGetDateTime(out var unzoned))
            {
                return new DateTimeOffset(DateTime.SpecifyKind(unzoned, DateTimeKind.Unspecified), TimeSpan.Zero);
            }
        }
        if (ReadString(ref reader, context, path, index, required: true, 40) is not { } text)
        {
            return null;
        }
        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }
        context.Error(path, at, $"'{Printable(text)}' is not an ISO 8601 date or date and time, such as 2026-11-03 or 2026-11-03T14:05:00Z", index);
        return null;
    }

    private static decimal? ReadAmount(ref Utf8JsonReader reader, Context context, string path, int index, bool required)
    {
        var at = reader.TokenStartIndex;
        if (reader.TokenType == JsonTokenType.Null && !required)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.Number)
        {
            context.Error(path, at, $"expected an amount as a JSON number, such as 12.50, found {Describe(reader.TokenType)}", index);
            reader.Skip();
            return null;
        }
        if (!reader.TryGetDecimal(out var amount))
        {
            context.Error(path, at, "is out of range for an amount", index);
            return null;
        }
        if (amount < 0)
        {
            context.Error(path, at, $"{amount.ToString(CultureInfo.InvariantCulture)} must not be negative", index);
            return null;
        }
        return amount;
    }

    private static int? ReadQuantity(ref Utf8JsonReader reader, Context context, string path, int index)
    {
        var at = reader.TokenStartIndex;
        if (reader.TokenType != JsonTokenType.Number)
        {
            context.Error(path, at, $"expected a whole number of units, found {Describe(reader.TokenType)}", index);
            reader.Skip();
            return null;
        }
        if (!reader.TryGetInt32(out var quantity) || quantity < 1)
        {
            context.Error(path, at, "must be a whole number of units, 1 or more", index);
            return null;
        }
        return quantity;
    }

    private static CurrencyCode? ReadCurrency(ref Utf8JsonReader reader, Context context, string path, int index)
    {
        var at = reader.TokenStartIndex;
        if (ReadString(ref reader, context, path, index, required: true, 8) is not { } text)
        {
            return null;
        }
        if (CurrencyCode.TryParse(text, out var currency, out var error))
        {
            return currency;
        }
        context.Error(path, at, Printable(error), index);
        return null;
    }

    private static HsCode? ReadHs(ref Utf8JsonReader reader, Context context, string path, int index)
    {
        var at = reader.TokenStartIndex;
        if (ReadString(ref reader, context, path, index, required: false, 16) is not { } text)
        {
            return null;
        }
        if (HsCode.TryParse(text, out var hs, out var error))
        {
            return hs;
        }
        context.Error(path, at, Printable(error), index);
        return null;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true or false",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string Printable(string text) => Pipeline.Printable.Of(text.Length > 64 ? text[..64] + "…" : text);

    /// <summary>An item as read, before the order's currency is known.</summary>
    private sealed class ItemDraft(long start)
    {
        public long Start { get; } = start;
        public string? Description { get; set; }
        public int? Quantity { get; set; }
        public decimal? UnitPrice { get; set; }
        public HsCode? Hs { get; set; }
        public string? Brand { get; set; }
    }

    /// <summary>An order as read: its fields in any order, and where each one was, for errors the domain raises when it is built.</summary>
    private sealed class OrderDraft(int index, string path, long start)
    {
        public int Index { get; } = index;
        public string Path { get; } = path;
        public long Start { get; } = start;
        public Dictionary<string, long> Offsets { get; } = new(StringComparer.Ordinal);
        public string? OrderNumber { get; set; }
        public DateTimeOffset? OrderDate { get; set; }
        public Party? Seller { get; set; }
        public Party? Buyer { get; set; }
        public List<ItemDraft> Items { get; } = [];
        public decimal? PricePaid { get; set; }
        public decimal? ShippingCost { get; set; }
        public CurrencyCode? Currency { get; set; }
        public string? TrackingNumber { get; set; }

        public PlatformOrder Build(string platform)
        {
            var currency = Currency!.Value;
            var items = Items.Select(i => new PlatformOrderItem(i.Description!, i.Quantity!.Value, new Money(i.UnitPrice!.Value, currency), i.Hs, i.Brand));
            return new PlatformOrder(
                platform,
                OrderNumber!,
                OrderDate!.Value,
                Seller!,
                Buyer!,
                new(items),
                new Money(PricePaid!.Value, currency),
                TrackingNumber!,
                ShippingCost is { } shipping ? new Money(shipping, currency) : null);
        }
    }

    /// <summary>The file being read, the errors found so far and the orders waiting for the platform's name.</summary>
    private sealed class Context(string source)
    {
        private readonly List<(string Path, long Offset, string Message, int? Order)> _errors = [];
        private (int Line, int Column, string Message)? _syntax;

        public List<OrderDraft> Drafts { get; } = [];

        public int OrdersInFile { get; set; }

        public int ErrorCount => _errors.Count;

        public void Error(string path, long offset, string message, int? order) => _errors.Add((path, offset, message, order));

        // The reader counts lines and bytes from 0; an error counts them from 1.
        public void SyntaxError(JsonException e) =>
            _syntax = ((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, $"the file is not valid JSON: {JsonSyntax.Describe(e)}");

        public PlatformOrderFile Result(string? platform, bool fileFault, ReadOnlySpan<byte> content)
        {
            var orders = new List<PlatformOrder>();
            if (!fileFault && platform is not null)
            {
                foreach (var draft in Drafts)
                {
                    try
                    {
                        orders.Add(draft.Build(platform));
                    }
                    catch (DomainException e)
                    {
                        _errors.Add(($"{draft.Path}.{e.Field}", OffsetOf(draft, e.Field), Printable(e.Reason), draft.Index));
                    }
                }
            }
            var errors = new List<PlatformOrderError>(_errors.Count + 1);
            if (_errors.Count > 0)
            {
                // Lines are counted only when there is something to place.
                var lineStarts = LineStarts(content);
                foreach (var (path, offset, message, order) in _errors)
                {
                    var (line, column) = Place(lineStarts, offset);
                    errors.Add(new PlatformOrderError(source, path, line, column, message, order));
                }
            }
            if (_syntax is { } syntax)
            {
                errors.Add(new PlatformOrderError(source, "$", syntax.Line, syntax.Column, syntax.Message, null));
            }
            return new PlatformOrderFile(source, platform, orders, errors, OrdersInFile);
        }

        private static long OffsetOf(OrderDraft draft, string field)
        {
            // The domain names the field as the model calls it (items[2].unitPrice); the longest recorded prefix gives its place.
            for (var key = field; key.Length > 0; key = key[..Math.Max(0, key.LastIndexOfAny(['.', '[']))])
            {
                if (draft.Offsets.TryGetValue(key, out var offset))
                {
                    return offset;
                }
            }
            return draft.Start;
        }

        private static (int Line, int Column) Place(int[] lineStarts, long offset)
        {
            var line = Array.BinarySearch(lineStarts, (int)Math.Min(offset, int.MaxValue));
            if (line < 0)
            {
                line = ~line - 1;
            }
            return (line + 1, (int)(offset - lineStarts[line]) + 1);
        }

        private static int[] LineStarts(ReadOnlySpan<byte> content)
        {
            var starts = new List<int> { 0 };
            var at = 0;
            while (content[at..].IndexOf((byte)'\n') is var next and >= 0)
            {
                at += next + 1;
                starts.Add(at);
            }
            return [.. starts];
        }
    }
}
