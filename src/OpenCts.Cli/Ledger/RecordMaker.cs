using System.Globalization;
using System.Security.Cryptography;
using OpenCts.Ledger.Storage;

namespace OpenCts.Cli.Ledger;

/// <summary>Records of realistic size with distinct ids for <c>cts bench ledger</c>; the bytes vary so no two records are the same.</summary>
/// <remarks>
/// The records of a batch are slices of one buffer that is reused once the ledger has returned (it keeps no record
/// bytes), and only each record's first 8 bytes, its number, are rewritten: making ten thousand fresh records per batch
/// was a fifth of the bench's CPU time, which is the caller's cost and not the ledger's.
/// </remarks>
internal sealed class RecordMaker(int recordBytes)
{
    private readonly byte[] _template = RandomNumberGenerator.GetBytes(recordBytes);
    private byte[] _buffer = [];
    private long _next;

    public LedgerRecord[] Next(int count)
    {
        if (_buffer.Length < count * _template.Length)
        {
            _buffer = new byte[count * _template.Length];
            for (var i = 0; i < count; i++)
            {
                _template.CopyTo(_buffer, i * _template.Length);
            }
        }
        var batch = new LedgerRecord[count];
        for (var i = 0; i < count; i++)
        {
            var id = _next++;
            var bytes = _buffer.AsMemory(i * _template.Length, _template.Length);
            BitConverter.TryWriteBytes(bytes.Span, id);
            batch[i] = new LedgerRecord("message", id.ToString(CultureInfo.InvariantCulture), bytes);
        }
        return batch;
    }
}
