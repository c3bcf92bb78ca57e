using System.Text;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Domain.Serialization;

/// <summary>Reads the layout <see cref="BinaryBodyWriter"/> writes; every value passes the model's own checks again.</summary>
/// <remarks>A body is data at rest that someone could have changed, so nothing read is trusted to be in range: each failure is an exception that <see cref="ConsignmentBinary.Read"/> turns into one error.</remarks>
internal ref struct BinaryBodyReader(ReadOnlySpan<byte> body)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private readonly BodyStrings _strings = BodyStrings.ForThread();
    private int _at;

    public Consignment ReadConsignment()
    {
        var layout = Layout();
        var present = Byte();
        var kind = Enum<TransportDocumentKind>();
        var direction = Enum<Direction>();
        var mode = Enum<TransportMode>();
        var document = new TransportDocument(Required(), kind, String());
        var carrier = Has(present, 1) ? new Carrier(Required(), String()) : null;
        var conveyance = Has(present, 2) ? new Conveyance(String(), Imo(String()), String(), String(), String()) : null;
        var loading = Place(String());
        var discharge = Place(String());
        var destination = Place(String());
        var route = new CountryCode[Count()];
        for (var i = 0; i < route.Length; i++)
        {
            route[i] = Country() ?? throw new FormatException("a route country is missing");
        }
        DateTimeOffset? departure = Has(present, 3) ? Instant() : null;
        DateTimeOffset? arrival = Has(present, 4) ? Instant() : null;
        var parties = new Party[Count()];
        for (var i = 0; i < parties.Length; i++)
        {
            parties[i] = Party();
        }
        var equipment = new Equipment[Count()];
        for (var i = 0; i < equipment.Length; i++)
        {
            var number = ContainerNumber.TryParseUnchecked(Required(), out var container, out var error) ? container.Value : throw new FormatException(error);
            equipment[i] = new Equipment(number, String(), Strings());
        }
        var goods = new GoodsItem[Count()];
        for (var i = 0; i < goods.Length; i++)
        {
            goods[i] = Goods();
        }
        // Layout 1 kept the provenance before the findings; layout 2 keeps it last, so a store can write its row part last.
        var provenance = layout == 1 && Has(present, 5) ? Provenance() : null;
        var findings = new DataQualityFinding[Count()];
        for (var i = 0; i < findings.Length; i++)
        {
            findings[i] = new DataQualityFinding(Required(), String(), Required(), Required());
        }
        if (layout == 2 && Has(present, 5))
        {
            provenance = Provenance();
        }
        return new Consignment(
            document, direction, mode, List(parties), List(goods), carrier, conveyance, loading, discharge, destination,
            List(route), departure, arrival, List(equipment), provenance, List(findings));
    }

    /// <summary>Walks the same layout as <see cref="ReadConsignment"/>, keeping only what <see cref="ConsignmentOutline"/> holds.</summary>
    public ConsignmentOutline ReadOutline()
    {
        var layout = Layout();
        var present = Byte();
        Skip(3); // kind, direction, mode
        SkipStrings(2); // the document's number and master number
        SkipStrings(Has(present, 1) ? 2 : 0); // the carrier
        SkipStrings(Has(present, 2) ? 5 : 0); // the conveyance
        SkipStrings(3); // loading, discharge, destination
        SkipStrings(Count()); // the route's countries, kept as strings
        DateTimeOffset? departure = Has(present, 3) ? Instant() : null;
        DateTimeOffset? arrival = Has(present, 4) ? Instant() : null;
        for (var parties = Count(); parties > 0; parties--)
        {
            Skip(1); // role
            var partyPresent = Byte();
            SkipStrings(1 + (Has(partyPresent, 0) ? 4 : 0) + (Has(partyPresent, 1) ? 1 : 0));
            SkipStrings(2 * Count()); // identifiers: scheme and value
            SkipStrings(2); // phone and email
        }
        for (var equipment = Count(); equipment > 0; equipment--)
        {
            SkipStrings(2);
            SkipStrings(Count());
        }
        var goods = new GoodsLine[Count()];
        for (var i = 0; i < goods.Length; i++)
        {
            var goodsPresent = Byte();
            Unsigned(); // sequence
            string? hs = String() is { } code ? HsCode.TryParseUnchecked(code, out var parsed) ? parsed.Value.Value : throw new FormatException($"HS code '{code}' is not 6 to 10 digits") : null;
            var description = GoodsItem.DescriptionOf(String());
            Unsigned(); // packages
            SkipStrings(1); // package type
            Decimal(); // gross mass
            if (Has(goodsPresent, 0))
            {
                Decimal(); // net mass
            }
            if (Has(goodsPresent, 1))
            {
                Decimal(); // value
                SkipStrings(1); // its currency
            }
            SkipStrings(1); // origin
            SkipStrings(Count()); // containers
            goods[i] = new GoodsLine(description, hs);
        }
        DateTimeOffset? receivedAt = layout == 1 && Has(present, 5) ? ProvenanceReceivedAt() : null;
        for (var findings = Count(); findings > 0; findings--)
        {
            SkipStrings(4);
        }
        if (layout == 2 && Has(present, 5))
        {
            receivedAt = ProvenanceReceivedAt();
        }
        return new ConsignmentOutline(departure, arrival, receivedAt, List(goods));
    }

    /// <summary>The layout's version byte: 1 or 2, which differ only in where the provenance is.</summary>
    private byte Layout()
    {
        var layout = Byte();
        return layout is 1 or ConsignmentBinary.Version
            ? layout
            : throw new FormatException($"layout version {layout} is not one this build reads (it reads 1 and {ConsignmentBinary.Version})");
    }

    /// <summary>Steps over a provenance, keeping only when it was received.</summary>
    private DateTimeOffset ProvenanceReceivedAt()
    {
        SkipStrings(2); // sender and message id
        var receivedAt = Instant();
        Unsigned(); // version
        if (Byte() == 1)
        {
            Signed(); // raw message row
        }
        return receivedAt;
    }

    private void Skip(int bytes)
    {
        for (var i = 0; i < bytes; i++)
        {
            Byte();
        }
    }

    /// <summary>Steps over strings (or countries, kept the same way) without reading them.</summary>
    private void SkipStrings(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var length = Unsigned();
            if (length > 1)
            {
                _at = length - 1 <= (ulong)(_body.Length - _at) ? _at + (int)(length - 1) : throw new FormatException("the body ends early");
            }
        }
    }

    /// <summary>Fails when bytes are left after the consignment: a body is one consignment and nothing else.</summary>
    public readonly void End()
    {
        if (_at != _body.Length)
        {
            throw new FormatException($"{_body.Length - _at} bytes follow the consignment");
        }
    }

    private Party Party()
    {
        var role = Enum<PartyRole>();
        var present = Byte();
        var name = Required();
        var address = Has(present, 0) ? new Address(String(), String(), String(), Country()) : null;
        var country = Has(present, 1) ? Country() : null;
        var identifiers = new PartyIdentifier[Count()];
        for (var i = 0; i < identifiers.Length; i++)
        {
            identifiers[i] = new PartyIdentifier(Required(), Required());
        }
        return new Party(role, name, address, country, List(identifiers), String(), String());
    }

    private GoodsItem Goods()
    {
        var present = Byte();
        var sequence = checked((int)Unsigned());
        var hs = String() is { } code ? HsCode.TryParseUnchecked(code, out var parsed) ? parsed : throw new FormatException($"HS code '{code}' is not 6 to 10 digits") : (HsCode?)null;
        var description = String();
        var packages = checked((int)Unsigned());
        var packageType = String();
        var gross = Decimal();
        decimal? net = Has(present, 0) ? Decimal() : null;
        Money? value = null;
        if (Has(present, 1))
        {
            var amount = Decimal();
            var currency = CurrencyCode.TryParseUnchecked(Required(), out var c) ? c.Value : throw new FormatException("a currency is not three letters");
            value = new Money(amount, currency);
        }
        return new GoodsItem(sequence, hs, description, packages, packageType, gross, net, value, Country(), Strings());
    }

    private Provenance Provenance()
    {
        var sender = Required();
        var messageId = Required();
        var receivedAt = Instant();
        var version = checked((int)Unsigned());
        long? raw = Byte() == 1 ? Signed() : null;
        return new Provenance(sender, messageId, receivedAt, version, raw);
    }

    private static bool Has(byte present, int bit) => (present & (1 << bit)) != 0;

    // The array is the reader's own and never written again, so the list may wrap it rather than copy it.
    private static ValueList<T> List<T>(T[] items) => new(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(items));

    private static UnLocode? Place(string? text) =>
        text is null ? null : UnLocode.TryParse(text, out var place, out var error) ? place : throw new FormatException(error);

    /// <summary>A country, found by its two bytes in the list of codes without making a string of them.</summary>
    private CountryCode? Country()
    {
        var length = Unsigned();
        if (length == 0)
        {
            return null;
        }
        var bytes = _body.Slice(_at, checked((int)(length - 1)));
        _at += bytes.Length;
        Span<char> code = stackalloc char[2];
        return bytes.Length == 2 && System.Text.Ascii.ToUtf16(bytes, code, out _) == System.Buffers.OperationStatus.Done && CountryCode.TryAssigned(code, out var country)
            ? country
            : throw new FormatException($"country '{Encoding.UTF8.GetString(bytes)}' is not an ISO 3166-1 alpha-2 code");
    }

    private static ImoNumber? Imo(string? text) =>
        text is null ? null : ImoNumber.TryParseUnchecked(text, out var imo, out var error) ? imo : throw new FormatException(error);

    private T Enum<T>()
        where T : struct, Enum
    {
        var value = (int)Byte();
        var result = System.Runtime.CompilerServices.Unsafe.As<int, T>(ref value);
        return System.Enum.IsDefined(result) ? result : throw new FormatException($"{value} is not a {typeof(T).Name}");
    }

    private ValueList<string> Strings()
    {
        var values = new string[Count()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Required();
        }
        return List(values);
    }

    private DateTimeOffset Instant()
    {
        var ticks = checked((long)Unsigned());
        return new DateTimeOffset(ticks, TimeSpan.FromMinutes(Signed()));
    }

    private decimal Decimal()
    {
        var head = Byte();
        var low = Unsigned();
        var high = (head & 0x40) != 0 ? checked((uint)Unsigned()) : 0;
        return new decimal((int)(uint)low, (int)(uint)(low >> 32), (int)high, (head & 0x80) != 0, (byte)(head & 0x3F));
    }

    /// <summary>A count of items, each of which takes at least one byte, so a damaged count cannot ask for more than the body holds.</summary>
    private int Count()
    {
        var count = Unsigned();
        return count <= (ulong)(_body.Length - _at) ? (int)count : throw new FormatException($"a list of {count} items is longer than the body");
    }

    private string Required() => String() ?? throw new FormatException("a required value is missing");

    private string? String()
    {
        var length = Unsigned();
        if (length == 0)
        {
            return null;
        }
        var bytes = _body.Slice(_at, checked((int)(length - 1)));
        _at += bytes.Length;
        return _strings.Of(bytes);
    }

    private long Signed()
    {
        var value = Unsigned();
        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    private ulong Unsigned()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new FormatException("a number is longer than ten bytes");
    }

    private byte Byte() => _at < _body.Length ? _body[_at++] : throw new FormatException("the body ends early");
}
