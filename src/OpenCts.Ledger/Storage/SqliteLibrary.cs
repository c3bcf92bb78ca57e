using SQLitePCL;

namespace OpenCts.Ledger.Storage;

/// <summary>How the process sets up the SQLite library once, before its first connection.</summary>
/// <remarks>
/// SQLite counts every allocation it makes for <c>sqlite3_memory_used</c> unless told not to, and the count sits behind
/// one mutex for the whole process: every row a writer inserts and every page a reader fetches took and released it,
/// and with readers and the writer on different threads they waited for each other there. OpenCTS never reads the
/// count. The setting is the library's and is refused once it has started, so every path that opens a connection
/// calls <see cref="Configure"/> first; if something else started the library earlier, the count stays on and
/// nothing else changes.
/// </remarks>
public static class SqliteLibrary
{
    private static readonly Lazy<bool> Configured = new(() =>
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0) == raw.SQLITE_OK;
    });

    /// <summary>Turns SQLite's memory statistics off, once per process, if the library has not started yet; whether it did.</summary>
    public static bool Configure() => Configured.Value;
}
