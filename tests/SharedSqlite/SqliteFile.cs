using Microsoft.Data.Sqlite;

namespace OpenCts.Tests.Shared;

/// <summary>Reads an SQLite file's schema on a connection of its own, beside the store that holds the file open.</summary>
internal static class SqliteFile
{
    /// <summary>The names of the indexes <paramref name="table"/> has in the file now, in order.</summary>
    public static List<string> IndexesOf(string path, string table)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = $table ORDER BY name";
        command.Parameters.AddWithValue("$table", table);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
