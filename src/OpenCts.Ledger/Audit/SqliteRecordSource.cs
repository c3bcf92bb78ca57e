using Microsoft.Data.Sqlite;

namespace OpenCts.Ledger.Audit;

/// <summary>Reads records for the audit with one SQL query per record kind, each taking <c>$id</c> and returning the canonical bytes in its first column.</summary>
/// <remarks>Lets a store declare where each kind of record lives without the ledger knowing its schema.</remarks>
public sealed class SqliteRecordSource(SqliteConnection connection, IReadOnlyDictionary<string, string> queryByKind) : IRecordSource, IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public byte[]? Read(string recordKind, string recordId)
    {
        if (!_commands.TryGetValue(recordKind, out var command))
        {
            if (!queryByKind.TryGetValue(recordKind, out var sql))
            {
                throw new UnreadableRecordKindException(recordKind);
            }
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add(new SqliteParameter("$id", SqliteType.Text));
            _commands[recordKind] = command;
        }
        command.Parameters[0].Value = recordId;
        return command.ExecuteScalar() switch
        {
            byte[] bytes => bytes,
            string text => System.Text.Encoding.UTF8.GetBytes(text),
            _ => null,
        };
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }
}
