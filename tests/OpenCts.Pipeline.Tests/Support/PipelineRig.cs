using System.Globalization;
using System.Text;
using Npgsql;
using OpenCts.Application;
using OpenCts.Pipeline.Intake;
using OpenCts.Pipeline.Streams;
using OpenCts.Storage.Postgres;
using OpenCts.Storage.Postgres.Ledger;
using OpenCts.Storage.Tests.Support;
using OpenCts.Tests.Shared;

namespace OpenCts.Pipeline.Tests.Support;

/// <summary>One test's pipeline: a fresh PostgreSQL database, a pipeline of its own on the class's NATS server, and an intake queuing on it.</summary>
internal sealed class PipelineRig : IAsyncDisposable
{
    /// <summary>Short waits, so that redelivery and catching up happen within a test.</summary>
    public static readonly PipelineSettings Settings = PipelineSettings.Default with
    {
        AckWait = TimeSpan.FromSeconds(3),
        RequeueInterval = TimeSpan.FromMilliseconds(200),
        FetchWait = TimeSpan.FromSeconds(2),
        PublishTimeout = TimeSpan.FromSeconds(1),
        BatchSize = 16,
    };

    private const string SampleAwb = "160-12345675";
    private static readonly Lazy<string> Template = new(() => File.ReadAllText(Path.Combine(RepositoryData.RepositoryRoot, "samples", "messages", "cargo-xml-xfwb.xml")));
    private readonly List<IAsyncDisposable> _owned = [];

    private PipelineRig(string database, string stream, PostgresStore store, PipelineConnection pipeline, IntakeQueue queue)
    {
        Database = database;
        Stream = stream;
        Store = store;
        Pipeline = pipeline;
        Queue = queue;
        Application = new CtsApplication(store, queue: queue);
    }

    /// <summary>The database's connection string.</summary>
    public string Database { get; }

    /// <summary>The pipeline's <c>--stream</c> address.</summary>
    public string Stream { get; }

    public PostgresStore Store { get; }

    public PipelineConnection Pipeline { get; }

    public IntakeQueue Queue { get; }

    /// <summary>The intake's application, queuing what it stores.</summary>
    public CtsApplication Application { get; }

    public static async Task<PipelineRig> StartAsync(NatsServer nats, CancellationToken cancellationToken)
    {
        var database = await PostgresServer.CreateDatabaseAsync(cancellationToken);
        var stream = nats.Pipeline("t" + Guid.NewGuid().ToString("N")[..10]);
        var store = await PostgresStore.OpenAsync(database, PostgresLedgerJournal.Instance, Path.Combine(Path.GetTempPath(), "opencts-pipeline-tests", Guid.NewGuid().ToString("N")), null, cancellationToken);
        var pipeline = await PipelineConnection.OpenAsync(PipelineAddress.Parse(stream), Settings, "test intake", cancellationToken);
        var queue = await IntakeQueue.StartAsync(pipeline, store, TestLog.Instance, cancellationToken);
        return new PipelineRig(database, stream, store, pipeline, queue);
    }

    /// <summary>The same database opened again, as another process on another machine would.</summary>
    public async Task<PostgresStore> OpenStoreAsync(CancellationToken cancellationToken)
    {
        var store = await PostgresStore.OpenAsync(Database, PostgresLedgerJournal.Instance, Store.DataDirectory, null, cancellationToken);
        _owned.Add(store);
        return store;
    }

    /// <summary>Another connection to the pipeline, for a worker.</summary>
    public async Task<PipelineConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var pipeline = await PipelineConnection.OpenAsync(PipelineAddress.Parse(Stream), Settings, "test worker", cancellationToken);
        _owned.Add(pipeline);
        return pipeline;
    }

    /// <summary>A Cargo-XML master air waybill of one consignment, numbered by <paramref name="serial"/>.</summary>
    public static byte[] Waybill(int serial) =>
        Encoding.UTF8.GetBytes(Template.Value.Replace(SampleAwb, string.Create(CultureInfo.InvariantCulture, $"160-{serial:D7}{serial % 7}"), StringComparison.Ordinal));

    /// <summary>Receives waybills <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1, each as its own upload.</summary>
    public async Task ReceiveAsync(int first, int count, CancellationToken cancellationToken)
    {
        for (var serial = first; serial < first + count; serial++)
        {
            await Application.Intake.ReceiveAsync(Waybill(serial), $"upload-{serial}.xml", "test", cancellationToken);
        }
    }

    /// <summary>How many consignment versions are still waiting for their assessment.</summary>
    public async Task<int> PendingAsync(CancellationToken cancellationToken) => (await Store.Messages.PendingAssessmentAsync(cancellationToken)).Count;

    /// <summary>How many assessments are stored, and how many consignment versions have more than one.</summary>
    public async Task<(long Assessments, long Twice)> AssessmentCountsAsync(CancellationToken cancellationToken)
    {
        await using var command = Store.DataSource.CreateCommand(
            "SELECT (SELECT COUNT(*) FROM assessments), (SELECT COUNT(*) FROM (SELECT 1 FROM assessments GROUP BY document_key, consignment_version HAVING COUNT(*) > 1) twice)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>How many consignments the store holds.</summary>
    public async Task<long> ConsignmentsAsync(CancellationToken cancellationToken) =>
        (await Store.Messages.CountsAsync(cancellationToken)).Consignments;

    /// <summary>Waits until nothing is pending, or fails after <paramref name="seconds"/>.</summary>
    public async Task DrainedAsync(int seconds, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (await PendingAsync(cancellationToken) is var pending && pending > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{pending} consignment version(s) still pending after {seconds} s");
            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Queue.DisposeAsync();
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
        await Pipeline.DisposeAsync();
        await Store.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await PostgresServer.DropDatabaseAsync(Database);
    }
}
