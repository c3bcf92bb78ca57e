using Microsoft.Win32.SafeHandles;

namespace OpenCts.Application.Commerce;

/// <summary>A read-only stream over an open file's handle from a position, with a position of its own; it does not close the handle.</summary>
/// <remarks>
/// The checkpoint's entity index is read in two halves at once (<c>EntityIndex.Load</c>). Opening the file a second
/// time by its path could find another checkpoint, written meanwhile by another process and moved into its place, whose
/// checksum was never checked; reading through the handle whose file was checked cannot. Reads go by offset
/// (<see cref="RandomAccess"/>), so the handle's own position, which the first reader moves, does not matter.
/// </remarks>
internal sealed class FileSlice(SafeFileHandle handle, long position) : Stream
{
    private long _position = position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => RandomAccess.GetLength(handle);

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = RandomAccess.Read(handle, buffer, _position);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
