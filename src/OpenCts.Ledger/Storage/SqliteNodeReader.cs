using System.Text;
using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Storage;

/// <summary>Reads complete-subtree hashes from <c>ledger_nodes</c>, all the nodes of a proof in one query.</summary>
internal sealed class SqliteNodeReader(SqliteConnection connection) : INodeReader, IDisposable
{
    private readonly Dictionary<int, SqliteCommand> _commands = [];

    public SqliteTransaction? Transaction { get; set; }

    public void Read(IReadOnlyList<NodeId> nodes, byte[][] hashes)
    {
        if (nodes.Count == 0)
        {
            return;
        }
        var command = CommandFor(nodes.Count);
        command.Transaction = Transaction;
        for (var i = 0; i < nodes.Count; i++)
        {
            command.Parameters[i].Value = nodes[i].Key;
        }
        var found = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var key = reader.GetInt64(0);
                var hash = (byte[])reader.GetValue(1);
                for (var i = 0; i < nodes.Count; i++)
                {
                    if (nodes[i].Key == key)
                    {
                        hashes[i] = hash;
                        found++;
                    }
                }
            }
        }
        if (found != nodes.Count)
        {
            var missing = nodes.Where((_, i) => hashes[i] is null).Select(n => $"level {n.Level} index {n.Index}");
            throw new InvalidOperationException("ledger_nodes lacks " + string.Join(", ", missing));
        }
    }

    private SqliteCommand CommandFor(int count)
    {
        if (_commands.TryGetValue(count, out var command))
        {
            return command;
        }
        var sql = new StringBuilder("SELECT id, hash FROM ledger_nodes WHERE id IN (");
        command = connection.CreateCommand();
        for (var i = 0; i < count; i++)
        {
            sql.Append(i == 0 ? "$p0" : $",$p{i}");
            command.Parameters.Add(new SqliteParameter($"$p{i}", SqliteType.Integer));
        }
        command.CommandText = sql.Append(')').ToString();
        command.Prepare();
        _commands[count] = command;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
    }
}
