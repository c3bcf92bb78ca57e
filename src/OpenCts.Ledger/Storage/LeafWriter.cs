using System.Text;
using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Storage;

/// <summary>Buffers leaf and node rows and inserts them many rows per statement, which is what makes appends fast on SQLite.</summary>
internal sealed class LeafWriter(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    private const int LeavesPerStatement = 100;
    private const int NodesPerStatement = 200;
    private readonly List<(long Index, string Kind, string Id, byte[] Salt, byte[] Commitment)> _leaves = new(LeavesPerStatement);
    private readonly List<(long Key, byte[] Hash)> _nodeRows = new(NodesPerStatement);
    private SqliteCommand? _leafCommand;
    private SqliteCommand? _nodeCommand;

    public void AddLeaf(long index, string kind, string id, byte[] salt, byte[] commitment)
    {
        _leaves.Add((index, kind, id, salt, commitment));
        if (_leaves.Count == LeavesPerStatement)
        {
            FlushLeaves();
        }
    }

    public void AddNode(NodeId node, byte[] hash)
    {
        _nodeRows.Add((node.Key, hash));
        if (_nodeRows.Count == NodesPerStatement)
        {
            FlushNodes();
        }
    }

    public void Flush()
    {
        FlushLeaves();
        FlushNodes();
    }

    private void FlushLeaves()
    {
        if (_leaves.Count == 0)
        {
            return;
        }
        SqliteCommand command;
        if (_leaves.Count == LeavesPerStatement)
        {
            command = _leafCommand ??= LeafCommand(LeavesPerStatement);
        }
        else
        {
            command = LeafCommand(_leaves.Count);
        }
        for (var i = 0; i < _leaves.Count; i++)
        {
            var (index, kind, id, salt, commitment) = _leaves[i];
            command.Parameters[5 * i].Value = index;
            command.Parameters[5 * i + 1].Value = kind;
            command.Parameters[5 * i + 2].Value = id;
            command.Parameters[5 * i + 3].Value = salt;
            command.Parameters[5 * i + 4].Value = commitment;
        }
        command.ExecuteNonQuery();
        if (command != _leafCommand)
        {
            command.Dispose();
        }
        _leaves.Clear();
    }

    private void FlushNodes()
    {
        if (_nodeRows.Count == 0)
        {
            return;
        }
        SqliteCommand command;
        if (_nodeRows.Count == NodesPerStatement)
        {
            command = _nodeCommand ??= NodeCommand(NodesPerStatement);
        }
        else
        {
            command = NodeCommand(_nodeRows.Count);
        }
        for (var i = 0; i < _nodeRows.Count; i++)
        {
            command.Parameters[2 * i].Value = _nodeRows[i].Key;
            command.Parameters[2 * i + 1].Value = _nodeRows[i].Hash;
        }
        command.ExecuteNonQuery();
        if (command != _nodeCommand)
        {
            command.Dispose();
        }
        _nodeRows.Clear();
    }

    private SqliteCommand LeafCommand(int rows) =>
        Command("INSERT INTO ledger_leaves (leaf_index, record_kind, record_id, salt, commitment) VALUES ", rows,
            [SqliteType.Integer, SqliteType.Text, SqliteType.Text, SqliteType.Blob, SqliteType.Blob]);

    private SqliteCommand NodeCommand(int rows) =>
        Command("INSERT INTO ledger_nodes (id, hash) VALUES ", rows, [SqliteType.Integer, SqliteType.Blob]);

    private SqliteCommand Command(string head, int rows, SqliteType[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(head);
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ",(");
            for (var c = 0; c < columns.Length; c++)
            {
                var name = $"$p{r * columns.Length + c}";
                sql.Append(c == 0 ? name : "," + name);
                command.Parameters.Add(new SqliteParameter(name, columns[c]));
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        return command;
    }

    public void Dispose()
    {
        _leafCommand?.Dispose();
        _nodeCommand?.Dispose();
    }
}
