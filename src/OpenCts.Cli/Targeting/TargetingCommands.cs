using OpenCts.Cli.Ingest;
using OpenCts.Cli.Samples;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Targeting;

/// <summary>Registers the main job's commands: ingest, assess, targets, samples.</summary>
internal static class TargetingCommands
{
    public static void AddTargetingCommands(this IConfigurator config)
    {
        config.AddCommand<IngestCommand>("ingest").WithDescription("Read advance cargo messages and store them with their ledger leaves, many messages to a transaction.")
            .WithExample("ingest", "samples/consignments", "--data", "cts-data");
        config.AddCommand<AssessCommand>("assess").WithDescription("Load a bundle or messages, assess what is pending and show the targets.")
            .WithExample("assess", "samples");
        config.AddCommand<TargetsCommand>("targets").WithDescription("Show the ranked targets with lanes, scores and reasons.");
        config.AddCommand<HistoryCommand>("history").WithDescription("Show every version of a consignment and what each amendment changed.");
        config.AddSamplesCommands();
    }
}
