using OpenCts.Storage.Hosting;
using OpenCts.Storage.Postgres;
using OpenCts.Storage.Sqlite;

namespace OpenCts.Storage.Tests.Opening;

/// <summary>A host picks the backend from its <c>--store</c> value.</summary>
public class StoreLocationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("./cts-data", StoreBackend.Sqlite)]
    [InlineData("/var/lib/opencts", StoreBackend.Sqlite)]
    [InlineData("postgres://cts@db.example:5432/customs", StoreBackend.Postgres)]
    [InlineData("postgresql://cts@db.example/customs", StoreBackend.Postgres)]
    [InlineData("Host=db.example;Database=customs;Username=cts", StoreBackend.Postgres)]
    public void AFolderIsSqliteAndAPostgresAddressIsPostgres(string store, StoreBackend backend) =>
        Assert.Equal(backend, StoreLocation.Parse(store).Backend);

    [Fact]
    public void AnotherKindOfUrlIsRefused() =>
        Assert.Contains("neither a data folder nor a postgres:// URL", Assert.Throws<ArgumentException>(() => StoreLocation.Parse("nats://localhost:4222")).Message, StringComparison.Ordinal);

    [Fact]
    public void ThePasswordIsNotShown() =>
        Assert.Equal("postgres://cts@db.example:5432/customs", StoreLocation.Parse("postgres://cts:secret@db.example/customs").ToString());

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task EachBackendOpensWithItsOwnLedgerJournal(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var value = backend == StoreBackends.Postgres ? test.ConnectionString! : Path.Combine(test.Directory, "other");
        await using var store = await StoreLocation.Parse(value).OpenAsync(test.Directory, null, Token);
        Assert.IsType(backend == StoreBackends.Postgres ? typeof(PostgresStore) : typeof(SqliteStore), store);
        await store.AuditLog.AppendAsync(new Audit.AuditEntry("ana", "GET /", "", "200", DateTimeOffset.UnixEpoch), Token);
        Assert.Single(await store.AuditLog.LatestAsync(5, Token));
    }
}
