using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenCts.Storage.Sqlite;

namespace OpenCts.Storage.Tests.Messages;

/// <summary>Rows of an embedded store as its file holds them, read on a connection of the test's own, for what the store's interfaces do not show (how a row is kept).</summary>
internal static class StoredRows
{
    /// <summary>The first column of each row the statement gives, as invariant text.</summary>
    public static List<string> Texts(SqliteStore store, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={store.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var texts = new List<string>();
        while (reader.Read())
        {
            texts.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }
        return texts;
    }
}
