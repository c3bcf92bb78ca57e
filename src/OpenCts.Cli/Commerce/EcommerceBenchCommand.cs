using System.ComponentModel;
using System.Text.Json;
using OpenCts.Application.Commerce.Bench;
using OpenCts.Cli.Common;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Commerce;

/// <summary><c>cts bench ecommerce</c>: indicator updates per second at ingest, peak memory over a million parcels, and entity-resolution quality on the generated stream.</summary>
internal sealed class EcommerceBenchCommand : Command<EcommerceBenchCommand.Settings>
{
    /// <summary>The goal for indicator updates at ingest on this machine.</summary>
    private const double GoalPerSecond = 20_000;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--parcels <N>")]
        [Description("Parcels of the synthetic e-commerce stream to run (default 1,000,000).")]
        [DefaultValue(1_000_000)]
        public int Parcels { get; init; } = 1_000_000;

        [CommandOption("--seed <S>")]
        [Description("Seed of the stream (default 1).")]
        [DefaultValue(1)]
        public int Seed { get; init; } = 1;

        [CommandOption("--json <FILE>")]
        [Description("Also write parcelsPerSecond, peakWorkingSetMegabytes, entityPrecision, entityRecall and the rest to this file.")]
        public string? Json { get; init; }

        public override ValidationResult Validate() =>
            Parcels < 1 ? ValidationResult.Error("--parcels must be 1 or more") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var result = Output.WithProgress("Parcels", settings.Parcels, advance =>
        {
            var last = 0;
            return EcommerceBench.Run(settings.Parcels, settings.Seed, new Progress(done => { advance(done - last); last = done; }));
        });
        var table = new Table().AddColumns("measure", "OpenCTS", "goal");
        table.AddRow("indicator updates at ingest (parcels/s, one thread)", $"{result.ParcelsPerSecond:N0}", $"≥ {GoalPerSecond:N0}");
        table.AddRow("the same per second of processor time (GC included)", $"{result.ParcelsPerProcessorSecond:N0}", $"≥ {GoalPerSecond:N0}");
        table.AddRow($"peak resident memory for {result.Parcels:N0} parcels (MB)", $"{result.PeakWorkingSetMegabytes:N0}", "bounded");
        table.AddRow("managed heap kept by the indicators (MB)", $"{result.ManagedHeapMegabytes:N0}", "");
        table.AddRow($"entity resolution, pairwise precision ({result.Entities:N0} party records)", $"{result.EntityPrecision:P2}", "");
        table.AddRow("entity resolution, pairwise recall", $"{result.EntityRecall:P2}", "");
        table.AddRow("  consignees (buyers): precision, recall", $"{result.Consignees.Precision:P2}, {result.Consignees.Recall:P2}", "");
        table.AddRow("  consignors (sellers): precision, recall", $"{result.Consignors.Precision:P2}, {result.Consignors.Recall:P2}", "");
        table.AddRow("classifier training, not counted above (s)", $"{result.TrainingSeconds:N1}", "");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{result.IndicatorSeconds:N1} s in the indicators for {result.Parcels:N0} parcels: {result.ParcelsPerSecond / GoalPerSecond:N1} × the goal.");
        if (settings.Json is not null)
        {
            File.WriteAllText(settings.Json, JsonSerializer.Serialize(new
            {
                parcels = result.Parcels,
                parcelsPerSecond = Math.Round(result.ParcelsPerSecond),
                goalParcelsPerSecond = GoalPerSecond,
                indicatorSeconds = Math.Round(result.IndicatorSeconds, 3),
                processorSeconds = Math.Round(result.ProcessorSeconds, 3),
                parcelsPerProcessorSecond = Math.Round(result.ParcelsPerProcessorSecond),
                peakWorkingSetMegabytes = Math.Round(result.PeakWorkingSetMegabytes),
                managedHeapMegabytes = Math.Round(result.ManagedHeapMegabytes),
                partyRecords = result.Entities,
                entityPrecision = Math.Round(result.EntityPrecision, 4),
                entityRecall = Math.Round(result.EntityRecall, 4),
                consigneePrecision = Math.Round(result.Consignees.Precision, 4),
                consigneeRecall = Math.Round(result.Consignees.Recall, 4),
                consignorPrecision = Math.Round(result.Consignors.Precision, 4),
                consignorRecall = Math.Round(result.Consignors.Recall, 4),
                trainingSeconds = Math.Round(result.TrainingSeconds, 1),
            }, new JsonSerializerOptions { WriteIndented = true }));
        }
        return 0;
    }

    /// <summary>Reports on the calling thread: the bench runs synchronously, so nothing is posted elsewhere.</summary>
    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
