using Npgsql;
using OpenCts.Storage.Postgres;
using OpenCts.Storage.Postgres.Ledger;
using OpenCts.Storage.Postgres.Schema;

namespace OpenCts.Storage.Tests.Opening;

/// <summary>Opening a PostgreSQL store: the forms of its address, its migrations, and what a wrong address says.</summary>
public class PostgresOpeningTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("postgres://cts@db.example:5433/customs", "db.example", 5433, "customs", "cts", null)]
    [InlineData("postgresql://cts:s%40cret@10.0.0.5/customs?sslmode=require", "10.0.0.5", 5432, "customs", "cts", "s@cret")]
    [InlineData("Host=db.example;Port=5433;Database=customs;Username=cts;Password=x", "db.example", 5433, "customs", "cts", "x")]
    public void AUrlAndNpgsqlsKeywordFormAreBothRead(string text, string host, int port, string database, string user, string? password)
    {
        var settings = PostgresConnection.Parse(text);
        Assert.Equal((host, port, database, user, password), (settings.Host, settings.Port, settings.Database, settings.Username, settings.Password));
        Assert.Equal($"postgres://{user}@{host}:{port}/{database}", PostgresConnection.Describe(settings));
    }

    [Theory]
    [InlineData("postgres://cts:secret@db.example:5432/", "names no database")]
    [InlineData("mysql://cts@db.example/customs", "is not a PostgreSQL URL")]
    [InlineData("postgres://cts:secret@db.example/customs?frobnicate=1", "frobnicate")]
    [InlineData("Host=db.example;Password=secret", "must name a host and a database")]
    [InlineData("Hots=db.example;Database=x", "is not a PostgreSQL connection string")]
    public void ABadConnectionStringIsRefusedSayingWhatIsWrongWithoutThePassword(string text, string said)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresConnection.Parse(text));
        Assert.Contains(said, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableServerIsNamedInTheError()
    {
        var error = await Assert.ThrowsAsync<PostgresStoreException>(() => PostgresStore.OpenAsync("postgres://cts:secret@127.0.0.1:1/customs", Token));
        Assert.StartsWith("cannot open the PostgreSQL store at postgres://cts@127.0.0.1:1/customs: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingDatabaseIsNamedInTheError()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Postgres);
        var missing = new NpgsqlConnectionStringBuilder(test.ConnectionString) { Database = "no_such_database" }.ConnectionString;
        var error = await Assert.ThrowsAsync<PostgresStoreException>(() => PostgresStore.OpenAsync(missing, Token));
        Assert.Contains("/no_such_database: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMigrationsAreAppliedOnceEvenWhenSeveralProcessesOpenTheDatabaseAtOnce()
    {
        await using var test = await TestStore.CreateAsync(StoreBackends.Postgres);
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresStore.OpenAsync(test.ConnectionString!, PostgresLedgerJournal.Instance, test.Directory, null, Token)));
        try
        {
            Assert.All(await Task.WhenAll(stores.Select(s => s.SchemaVersionAsync(Token))), v => Assert.Equal(Migrations.LatestStoreVersion, v));
            await using var count = stores[0].DataSource.CreateCommand("SELECT component || ':' || version FROM schema_version ORDER BY component, version");
            var rows = new List<string>();
            await using (var reader = await count.ExecuteReaderAsync(Token))
            {
                while (await reader.ReadAsync(Token))
                {
                    rows.Add(reader.GetString(0));
                }
            }
            Assert.Equal(
                [.. Enumerable.Range(1, Migrations.LatestLedgerVersion).Select(v => $"ledger:{v}"), .. Enumerable.Range(1, Migrations.LatestStoreVersion).Select(v => $"store:{v}")],
                rows);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }
}
