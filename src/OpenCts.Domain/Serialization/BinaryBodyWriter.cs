using System.Text;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;

namespace OpenCts.Domain.Serialization;

/// <summary>Writes a consignment in the layout <see cref="BinaryBodyReader"/> reads (see <see cref="ConsignmentBinary"/>).</summary>
/// <remarks>One writer per thread keeps its buffer, so a bulk load allocates only each body's final array.</remarks>
internal sealed class BinaryBodyWriter
{
    [ThreadStatic]
    private static BinaryBodyWriter? _forThread;

    private byte[] _buffer = new byte[4096];
    private int _length;

    public static BinaryBodyWriter ForThread()
    {
        var writer = _forThread ??= new BinaryBodyWriter();
        writer._length = 0;
        return writer;
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    /// <summary>Writes the whole body: its head, then the row part of its provenance.</summary>
    public void Write(Consignment c)
    {
        WriteHead(c);
        if (c.Provenance is { } p)
        {
            WriteRowPart(p.ReceivedAt, p.Version, p.RawMessageId);
        }
    }

    /// <summary>Writes everything but the row part of the provenance (when received, which version, which raw message), which layout 2 keeps last.</summary>
    public void WriteHead(Consignment c)
    {
        Byte(ConsignmentBinary.Version);
        var present = Bit(c.Document.MasterNumber is not null, 0) | Bit(c.Carrier is not null, 1) | Bit(c.Conveyance is not null, 2)
            | Bit(c.Departure is not null, 3) | Bit(c.EstimatedArrival is not null, 4) | Bit(c.Provenance is not null, 5);
        Byte((byte)present);
        Byte((byte)c.Document.Kind);
        Byte((byte)c.Direction);
        Byte((byte)c.Mode);
        String(c.Document.Number);
        String(c.Document.MasterNumber);
        if (c.Carrier is { } carrier)
        {
            String(carrier.Name);
            String(carrier.Code);
        }
        if (c.Conveyance is { } v)
        {
            String(v.VesselName);
            String(v.Imo?.Value);
            String(v.Voyage);
            String(v.FlightNumber);
            String(v.VehicleRegistration);
        }
        String(c.PlaceOfLoading?.Value);
        String(c.PlaceOfDischarge?.Value);
        String(c.FinalDestination?.Value);
        Unsigned((ulong)c.Route.Count);
        foreach (var country in c.Route)
        {
            String(country.Value);
        }
        if (c.Departure is { } departure)
        {
            Instant(departure);
        }
        if (c.EstimatedArrival is { } arrival)
        {
            Instant(arrival);
        }
        Unsigned((ulong)c.Parties.Count);
        foreach (var party in c.Parties)
        {
            Party(party);
        }
        Unsigned((ulong)c.Equipment.Count);
        foreach (var e in c.Equipment)
        {
            String(e.ContainerNumber.Value);
            String(e.SizeType);
            Strings(e.Seals);
        }
        Unsigned((ulong)c.Goods.Count);
        foreach (var g in c.Goods)
        {
            Goods(g);
        }
        Unsigned((ulong)c.DataQuality.Count);
        foreach (var finding in c.DataQuality)
        {
            String(finding.Path);
            String(finding.Value);
            String(finding.Rule);
            String(finding.Message);
        }
        if (c.Provenance is { } p)
        {
            String(p.Sender);
            String(p.MessageId);
        }
    }

    /// <summary>Writes the row part of a provenance: what a store decides only when it writes the body's row.</summary>
    public void WriteRowPart(DateTimeOffset receivedAt, int version, long? rawMessageId)
    {
        Instant(receivedAt);
        Unsigned((ulong)version);
        Byte((byte)(rawMessageId is null ? 0 : 1));
        if (rawMessageId is { } raw)
        {
            Signed(raw);
        }
    }

    private void Party(Party p)
    {
        // The party's country is most often its address's: then it is not written twice.
        var ownCountry = p.Country != p.Address?.Country;
        Byte((byte)p.Role);
        Byte((byte)(Bit(p.Address is not null, 0) | Bit(ownCountry, 1)));
        String(p.Name);
        if (p.Address is { } a)
        {
            String(a.Street);
            String(a.City);
            String(a.Postcode);
            String(a.Country?.Value);
        }
        if (ownCountry)
        {
            String(p.Country?.Value);
        }
        Unsigned((ulong)p.Identifiers.Count);
        foreach (var id in p.Identifiers)
        {
            String(id.Scheme);
            String(id.Value);
        }
        String(p.Phone);
        String(p.Email);
    }

    private void Goods(GoodsItem g)
    {
        Byte((byte)(Bit(g.NetMassKg is not null, 0) | Bit(g.Value is not null, 1)));
        Unsigned((ulong)g.Sequence);
        String(g.HsCode?.Value);
        String(g.Description);
        Unsigned((ulong)g.Packages);
        String(g.PackageType);
        Decimal(g.GrossMassKg);
        if (g.NetMassKg is { } net)
        {
            Decimal(net);
        }
        if (g.Value is { } value)
        {
            Decimal(value.Amount);
            String(value.Currency.Value);
        }
        String(g.Origin?.Value);
        Strings(g.Containers);
    }

    private static int Bit(bool set, int bit) => set ? 1 << bit : 0;

    private void Strings(ValueList<string> values)
    {
        Unsigned((ulong)values.Count);
        foreach (var value in values)
        {
            String(value);
        }
    }

    /// <summary>The instant as the local ticks and the offset in minutes, so that it reads back with its offset, as JSON's round-trip form does.</summary>
    private void Instant(DateTimeOffset instant)
    {
        Unsigned((ulong)instant.Ticks);
        Signed((long)instant.Offset.TotalMinutes);
    }

    /// <summary>A decimal as its sign and scale in one byte and its integer digits as varints, so that 12.50 stays 12.50.</summary>
    private void Decimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var high = (uint)bits[2];
        Byte((byte)(scale | (negative ? 0x80 : 0) | (high != 0 ? 0x40 : 0)));
        Unsigned(((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        if (high != 0)
        {
            Unsigned(high);
        }
    }

    private void String(string? value)
    {
        if (value is null)
        {
            Unsigned(0);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        Unsigned((ulong)count + 1);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    private void Signed(long value) => Unsigned((ulong)((value << 1) ^ (value >> 63)));

    private void Unsigned(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    private void Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
