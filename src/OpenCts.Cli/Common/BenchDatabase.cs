using Npgsql;

namespace OpenCts.Cli.Common;

/// <summary>A database of its own on a PostgreSQL server for one benchmark run, created before and dropped after, so that a run never writes into a database that holds anything else.</summary>
internal static class BenchDatabase
{
    /// <summary>Creates a database with a fresh name on <paramref name="server"/>; returns its connection string.</summary>
    public static async Task<string> CreateAsync(string server, CancellationToken cancellationToken)
    {
        var name = "opencts_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database <see cref="CreateAsync"/> made, closing whatever connections are still on it.</summary>
    public static async Task DropAsync(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(database).Database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
