using OpenCts.Domain.Consignments;

namespace OpenCts.Domain.Serialization;

/// <summary>The compact binary form of a consignment that a store keeps as a version's body.</summary>
/// <remarks>
/// A store reads every body back at least once to assess it, and again to train the e-commerce indicators, so the body's
/// form is on the bulk path's critical line: reading JSON was a third of <c>cts assess</c>'s processor time. This form
/// holds exactly what <see cref="ConsignmentJsonWriter"/> writes (what the sender sent and its provenance, never what
/// OpenCTS attaches before assessing) and reads back to an equal consignment, decimal scales and time offsets included.
/// <para>
/// Layout, version 2: the version byte, then the fields in the order of <see cref="BinaryBodyWriter"/>, the provenance
/// last, so that its row part (when received, which version, which raw message row) is the body's last bytes and a store
/// can make the rest (<see cref="Head"/>) before it knows its row. Version 1 had the provenance before the data-quality
/// findings and is still read. Integers are
/// LEB128 varints (signed ones zig-zag), strings a varint of their UTF-8 length plus one (0 for none) and their bytes,
/// lists a varint count, optional parts a presence bit. A new layout takes a new version byte and this reader keeps
/// reading the old ones, as the stores keep reading bodies of JSON written before this form existed.
/// </para>
/// </remarks>
public static class ConsignmentBinary
{
    /// <summary>The layout this build writes.</summary>
    public const byte Version = 2;

    /// <summary>The consignment's body bytes.</summary>
    public static byte[] ToBytes(Consignment consignment)
    {
        var writer = BinaryBodyWriter.ForThread();
        writer.Write(consignment);
        return writer.ToArray();
    }

    /// <summary>The body's bytes without the row part of its provenance: with <see cref="RowPart"/> of its row after them, they are the body.</summary>
    /// <remarks>A store makes (and compresses) this on the thread that parsed the message, and only the row part on its one writer.</remarks>
    /// <exception cref="ArgumentException">The consignment has no provenance, so its body has no row part.</exception>
    public static byte[] Head(Consignment consignment)
    {
        if (consignment.Provenance is null)
        {
            throw new ArgumentException($"consignment {consignment.Document.Key} has no provenance, so its body has no row part to leave out", nameof(consignment));
        }
        var writer = BinaryBodyWriter.ForThread();
        writer.WriteHead(consignment);
        return writer.ToArray();
    }

    /// <summary>The last bytes of a body whose provenance says it was received at <paramref name="receivedAt"/>, as version <paramref name="version"/>, from raw message row <paramref name="rawMessageId"/>.</summary>
    public static byte[] RowPart(DateTimeOffset receivedAt, int version, long? rawMessageId)
    {
        var writer = BinaryBodyWriter.ForThread();
        writer.WriteRowPart(receivedAt, version, rawMessageId);
        return writer.ToArray();
    }

    /// <summary>The outline of the consignment a body holds, read without building the consignment.</summary>
    /// <remarks>
    /// Every byte is walked, so a body cut short or with bytes after its end fails as <see cref="Read"/> would; values the
    /// outline does not hold are skipped unchecked, and are checked when the consignment itself is read.
    /// </remarks>
    /// <exception cref="InvalidDataException">The bytes are not a body of a layout this build reads.</exception>
    public static ConsignmentOutline ReadOutline(ReadOnlySpan<byte> body) =>
        Decode(body, static (ref BinaryBodyReader reader) => reader.ReadOutline());

    /// <summary>The consignment a body holds.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a body of a layout this build reads, or hold a value the model refuses.</exception>
    public static Consignment Read(ReadOnlySpan<byte> body) =>
        Decode(body, static (ref BinaryBodyReader reader) => reader.ReadConsignment());

    private delegate T Reading<T>(ref BinaryBodyReader reader);

    /// <summary>Reads the whole body with <paramref name="read"/> and turns each way it can fail into one error.</summary>
    private static T Decode<T>(ReadOnlySpan<byte> body, Reading<T> read)
    {
        try
        {
            var reader = new BinaryBodyReader(body);
            var value = read(ref reader);
            reader.End();
            return value;
        }
        catch (Exception e) when (e is Common.DomainException or ArgumentException or OverflowException or IndexOutOfRangeException or FormatException)
        {
            throw new InvalidDataException($"a consignment body does not decode: {e.Message}", e);
        }
    }
}
