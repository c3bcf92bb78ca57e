using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenCts.Storage;

/// <summary>The canonical bytes of every kind of record a store journals: what the ledger commits to, the same from every backend.</summary>
/// <remarks>
/// Each backend reads a record's stored columns and hands them here, both when it journals the record and when the audit
/// reads it back, so a record stored on SQLite and the same record stored on PostgreSQL commit to the same bytes.
/// Times are the ISO 8601 text the stores keep; numbers are written with the invariant culture.
/// </remarks>
public static class CanonicalForm
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A raw message: a header of its id, envelope, status and issues, a blank line, then the bytes exactly as received.</summary>
    public static byte[] Message(long id, string sender, string messageId, string format, string fileName, string receivedAt, string status, string issues, ReadOnlySpan<byte> bytes)
    {
        var header = MessageHeader(id, sender, messageId, format, fileName, receivedAt, status, issues);
        var canonical = new byte[MessageLength(header, bytes)];
        WriteMessage(header, bytes, canonical);
        return canonical;
    }

    /// <summary>The canonical bytes of a raw message, as <see cref="Message"/> gives them, in a buffer borrowed from the shared pool that the caller gives back by disposing it.</summary>
    /// <remarks>
    /// For a journal that only hashes them: a message of a hundred kilobytes made a new array on the large-object heap
    /// each time, and every few of those set off a full collection of the heap.
    /// </remarks>
    public static RentedBytes MessageRented(long id, string sender, string messageId, string format, string fileName, string receivedAt, string status, string issues, ReadOnlySpan<byte> bytes)
    {
        var header = MessageHeader(id, sender, messageId, format, fileName, receivedAt, status, issues);
        var length = MessageLength(header, bytes);
        var rented = new RentedBytes(System.Buffers.ArrayPool<byte>.Shared.Rent(length), length);
        WriteMessage(header, bytes, rented.Array);
        return rented;
    }

    private static string MessageHeader(long id, string sender, string messageId, string format, string fileName, string receivedAt, string status, string issues) =>
        string.Join('\n', Number(id), sender, messageId, format, fileName, receivedAt, status, issues);

    private static int MessageLength(string header, ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetByteCount(header) + 2 + bytes.Length;

    // Encoded straight into the destination: the header's string, its bytes and their concatenation with the message were
    // three copies of every message received.
    private static void WriteMessage(string header, ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        var headerLength = Encoding.UTF8.GetBytes(header, destination);
        destination[headerLength] = (byte)'\n';
        destination[headerLength + 1] = (byte)'\n';
        bytes.CopyTo(destination[(headerLength + 2)..]);
    }

    /// <summary>An assessment: its id, consignment version, score, lane, time and reasons (JSON).</summary>
    public static byte[] Assessment(long id, string documentKey, long consignmentVersion, double score, string lane, string assessedAt, string reasons)
    {
        using var rented = AssessmentRented(id, documentKey, consignmentVersion, score, lane, assessedAt, reasons);
        return rented.Span.ToArray();
    }

    /// <summary>The canonical bytes of an assessment (its lines: id, document key, version, score written "R", lane, time, reasons), in a buffer borrowed from the shared pool that the caller gives back by disposing it.</summary>
    /// <remarks>
    /// The store's writer journals every assessment it saves: the joined text and its bytes were two copies of the reasons
    /// for each, made on the busiest thread of a bulk run. Here the parts are encoded straight into the buffer.
    /// </remarks>
    public static RentedBytes AssessmentRented(long id, string documentKey, long consignmentVersion, double score, string lane, string assessedAt, string reasons)
    {
        // A long is at most 20 characters; a double written "R" at most 24.
        Span<char> numbers = stackalloc char[64];
        var idText = Formatted(id, numbers[..20]);
        var versionText = Formatted(consignmentVersion, numbers[20..40]);
        if (!score.TryFormat(numbers[40..], out var scoreLength, "R", Invariant))
        {
            throw new InvalidOperationException("a score did not fit the space kept for it");
        }
        ReadOnlySpan<char> scoreText = numbers.Slice(40, scoreLength);
        var utf8 = Encoding.UTF8;
        var length = utf8.GetByteCount(idText) + utf8.GetByteCount(documentKey) + utf8.GetByteCount(versionText) + utf8.GetByteCount(scoreText)
            + utf8.GetByteCount(lane) + utf8.GetByteCount(assessedAt) + utf8.GetByteCount(reasons) + 6;
        var rented = new RentedBytes(System.Buffers.ArrayPool<byte>.Shared.Rent(length), length);
        var destination = rented.Array.AsSpan(0, length);
        var at = 0;
        at += utf8.GetBytes(idText, destination[at..]);
        destination[at++] = (byte)'\n';
        at += utf8.GetBytes(documentKey, destination[at..]);
        destination[at++] = (byte)'\n';
        at += utf8.GetBytes(versionText, destination[at..]);
        destination[at++] = (byte)'\n';
        at += utf8.GetBytes(scoreText, destination[at..]);
        destination[at++] = (byte)'\n';
        at += utf8.GetBytes(lane, destination[at..]);
        destination[at++] = (byte)'\n';
        at += utf8.GetBytes(assessedAt, destination[at..]);
        destination[at++] = (byte)'\n';
        utf8.GetBytes(reasons, destination[at..]);
        return rented;
    }

    private static ReadOnlySpan<char> Formatted(long value, Span<char> space) =>
        value.TryFormat(space, out var written, default, Invariant) ? space[..written] : throw new InvalidOperationException("a number did not fit the space kept for it");

    /// <summary>An examination result; the details of the result form follow only when one of them is given, so older results keep their bytes.</summary>
    public static byte[] Examination(long id, string documentKey, string outcome, double amountRecovered, string examinedAt, string? notes, string recordedAt, string? finding, string? currency, double? quantity)
    {
        var canonical = string.Join('\n', Number(id), documentKey, outcome, amountRecovered.ToString("R", Invariant), examinedAt, notes ?? "", recordedAt);
        if (finding is not null || currency is not null || quantity is not null)
        {
            canonical = string.Join('\n', canonical, finding ?? "", currency ?? "", quantity is { } q ? q.ToString("R", Invariant) : "");
        }
        return Encoding.UTF8.GetBytes(canonical);
    }

    /// <summary>One load of a watch list: its id, list, source, time, entry count and the digest of its entries (<see cref="WatchlistDigest"/>).</summary>
    public static byte[] WatchlistLoad(long id, string list, string source, string loadedAt, long entryCount, string digest) =>
        Encoding.UTF8.GetBytes(string.Join('\n', Number(id), list, source, loadedAt, Number(entryCount), digest));

    /// <summary>The SHA-256 (lower-case hex) of a list's entries, each its JSON and a line break, in the order they were loaded.</summary>
    public sealed class WatchlistDigest : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public void Add(string entryJson) => _hash.AppendData(Encoding.UTF8.GetBytes(entryJson + "\n"));

        public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public void Dispose() => _hash.Dispose();
    }

    /// <summary>One version of a profile: its id, version, status, time saved and body (JSON).</summary>
    public static byte[] Profile(string id, int version, string status, string savedAt, string body) =>
        Encoding.UTF8.GetBytes(string.Join('\n', id, Number(version), status, savedAt, body));

    /// <summary>One version of a user account: who, what role, disabled or not, which kind of credential; never the hashes.</summary>
    public static byte[] User(long id, string name, string role, bool disabled, bool hasPassword, string? apiKeyId, string changedBy, string changedAt)
    {
        var credential = hasPassword ? "password" : apiKeyId is null ? "none" : "api-key " + apiKeyId;
        return Encoding.UTF8.GetBytes(string.Join('\n', Number(id), name, role, disabled ? "disabled" : "enabled", credential, changedBy, changedAt));
    }

    /// <summary>A webhook delivery that ended: its referral, owner, body (upper-case hex), creation time, attempts, status, last error and end time.</summary>
    /// <remarks>The body is hex so that the record stays text whatever the webhook carries.</remarks>
    public static byte[] WebhookDelivery(long id, long referralId, string owner, ReadOnlySpan<byte> body, string createdAt, long attempts, string status, string? lastError, string? endedAt) =>
        Row(id, [referralId, owner, Convert.ToHexString(body), createdAt, attempts, status, lastError, endedAt]);

    /// <summary>A record kept as one row (decisions, audit entries, list versions, allow-list changes, referrals and their answers, callbacks, office settings, assignments, subscriptions and their removals): its id, then each column, one a line (null as empty).</summary>
    /// <param name="id">The row's id.</param>
    /// <param name="columns">Text, whole numbers or nulls, in the order of the record's columns.</param>
    public static byte[] Row(long id, IReadOnlyList<object?> columns)
    {
        var fields = new string[columns.Count + 1];
        fields[0] = Number(id);
        for (var i = 0; i < columns.Count; i++)
        {
            fields[i + 1] = Convert.ToString(columns[i], Invariant) ?? "";
        }
        return Encoding.UTF8.GetBytes(string.Join('\n', fields));
    }

    private static string Number(long value) => value.ToString(Invariant);
}

/// <summary>Bytes in an array borrowed from the shared pool, of which the first <paramref name="Length"/> are the value; disposing gives the array back.</summary>
public readonly record struct RentedBytes(byte[] Array, int Length) : IDisposable
{
    /// <summary>The value's bytes.</summary>
    public ReadOnlySpan<byte> Span => Array.AsSpan(0, Length);

    public void Dispose() => System.Buffers.ArrayPool<byte>.Shared.Return(Array);
}
