using System.ComponentModel;
using OpenCts.Pipeline.Streams;
using OpenCts.Storage.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Common;

/// <summary>Settings of the commands that also work on a shared store: a data folder or a PostgreSQL database.</summary>
/// <remarks>Without <c>--store</c> they use the <c>--data</c> folder, as every other command does.</remarks>
public class SharedStoreSettings : StoreSettings
{
    [CommandOption("--store <STORE>")]
    [Description("The store: a data folder (SQLite) or a postgres://user@host:port/database URL (default: the --data folder).")]
    public string? Store { get; init; }

    /// <summary>The store named by <c>--store</c>, or the <c>--data</c> folder.</summary>
    public StoreLocation StoreLocation => Store is null ? new StoreLocation(StoreBackend.Sqlite, DataDirectory) : StoreLocation.Parse(Store);

    /// <summary>Whether the store is a PostgreSQL database.</summary>
    public bool IsPostgres => StoreLocation.Backend == StoreBackend.Postgres;

    public override ValidationResult Validate()
    {
        try
        {
            _ = StoreLocation;
        }
        catch (ArgumentException e)
        {
            return ValidationResult.Error(e.Message);
        }
        return base.Validate();
    }
}

/// <summary>Settings of the commands that run past one machine: a shared store and the pipeline's stream.</summary>
public class ScaleOutSettings : SharedStoreSettings
{
    [CommandOption("--stream <NATS>")]
    [Description("The pipeline: nats://host:port[[/name]] of a NATS server with JetStream; stored messages are queued there for cts worker processes.")]
    public string? Stream { get; init; }

    /// <summary>The pipeline named by <c>--stream</c>; null without it.</summary>
    public PipelineAddress? StreamAddress => Stream is null ? null : PipelineAddress.Parse(Stream);

    public override ValidationResult Validate()
    {
        try
        {
            _ = StreamAddress;
        }
        catch (ArgumentException e)
        {
            return ValidationResult.Error(e.Message);
        }
        return base.Validate();
    }
}
