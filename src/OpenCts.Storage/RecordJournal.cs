using Microsoft.Data.Sqlite;

namespace OpenCts.Storage;

/// <summary>Receives every record the store writes, inside the writing transaction: the ledger's entry point.</summary>
/// <remarks>
/// The store calls <see cref="Record"/> before it commits, so a record and its pending ledger leaf are committed
/// together or not at all; an audit reads the same canonical bytes back from the store.
/// </remarks>
public interface IRecordJournal
{
    /// <summary>Journals one record: its kind (<c>message</c>, <c>assessment</c>, ...), its id and its canonical bytes.</summary>
    void Record(SqliteTransaction transaction, string kind, string id, ReadOnlySpan<byte> canonical);
}

/// <summary>The kinds of record the store journals.</summary>
public static class RecordKinds
{
    public const string Message = "message";
    public const string Assessment = "assessment";
    public const string Profile = "profile";
    public const string Watchlist = "watchlist";
    public const string Examination = "examination";
}
