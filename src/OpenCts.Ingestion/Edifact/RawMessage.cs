using System.Buffers;

namespace OpenCts.Ingestion.Edifact;

/// <summary>
/// A message's raw bytes as <see cref="ParsedMessage.Raw"/> gives them: its interchange's UNA and UNB segments, each on
/// a line of its own, then the message, so that it can be read again on its own.
/// </summary>
/// <remarks>
/// The bytes are put together from the file the first time they are read, and kept from then on. Reading a file keeps
/// every message until the whole file is read, and a copy of each message made while reading was as many bytes again as
/// the file, all of it for the collector to carry; made when the message is stored, the copy is short-lived. The file's
/// bytes must not change while its messages are in use, as for the messages that hold the file itself (a rejected file).
/// </remarks>
internal sealed class RawMessage : MemoryManager<byte>
{
    private readonly ReadOnlyMemory<byte> _content;
    private readonly Range _una;
    private readonly Range _unb;
    private readonly Range _body;
    private byte[]? _bytes;

    /// <param name="content">The whole file.</param>
    /// <param name="una">Where the UNA segment is in the file; empty when there is none.</param>
    /// <param name="unb">Where the message's UNB segment is; empty when it is in no interchange.</param>
    /// <param name="body">Where the message is, from UNH.</param>
    public RawMessage(ReadOnlyMemory<byte> content, Range una, Range unb, Range body)
    {
        _content = content;
        _una = una;
        _unb = unb;
        _body = body;
        Length = Line(una) + Line(unb) + body.GetOffsetAndLength(content.Length).Length;
    }

    /// <summary>How many bytes the message has, header lines included.</summary>
    public int Length { get; }

    /// <summary>The bytes as memory, without putting them together (the base class would, to learn their length).</summary>
    public override Memory<byte> Memory => CreateMemory(Length);

    public override Span<byte> GetSpan() => _bytes ?? Assemble();

    public override MemoryHandle Pin(int elementIndex = 0) => (_bytes ?? Assemble()).AsMemory(elementIndex).Pin();

    public override void Unpin()
    {
        // The handle Pin returns unpins the array itself.
    }

    protected override void Dispose(bool disposing)
    {
        // Nothing is held but managed memory.
    }

    private byte[] Assemble()
    {
        var span = _content.Span;
        // Every byte is written below, so the array need not be cleared first.
        var bytes = GC.AllocateUninitializedArray<byte>(Length);
        var to = bytes.AsSpan();
        to = Copy(span[_una], to, line: true);
        to = Copy(span[_unb], to, line: true);
        Copy(span[_body], to, line: false);
        // Two threads that read the bytes at once may each put them together; both see the same array from then on.
        return Interlocked.CompareExchange(ref _bytes, bytes, null) ?? bytes;
    }

    /// <summary>Copies a part, and a line break after a header segment; nothing for a header there is not.</summary>
    private static Span<byte> Copy(ReadOnlySpan<byte> part, Span<byte> to, bool line)
    {
        if (part.IsEmpty)
        {
            return to;
        }
        part.CopyTo(to);
        if (!line)
        {
            return to[part.Length..];
        }
        to[part.Length] = (byte)'\n';
        return to[(part.Length + 1)..];
    }

    private int Line(Range header)
    {
        var length = header.GetOffsetAndLength(_content.Length).Length;
        return length == 0 ? 0 : length + 1;
    }
}
