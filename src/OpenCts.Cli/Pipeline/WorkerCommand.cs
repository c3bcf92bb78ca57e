using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OpenCts.Cli.Common;
using OpenCts.Pipeline.Streams;
using OpenCts.Pipeline.Workers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Pipeline;

/// <summary><c>cts worker --store ... --stream ...</c>: an assessment worker of the pipeline, until stopped.</summary>
internal sealed class WorkerCommand : AsyncCommand<WorkerCommand.Settings>
{
    public sealed class Settings : ScaleOutSettings
    {
        [CommandOption("--batch <N>")]
        [Description("The most work items taken, assessed and written at once (default 64).")]
        public int Batch { get; init; } = PipelineSettings.Default.BatchSize;

        [CommandOption("--ack-wait <SECONDS>")]
        [Description("How long an item taken stays this worker's before the stream gives it to another (default 30).")]
        public double AckWait { get; init; } = PipelineSettings.Default.AckWait.TotalSeconds;

        public override ValidationResult Validate()
        {
            if (Stream is null)
            {
                return ValidationResult.Error("cts worker needs --stream nats://host:port: the pipeline it takes work from");
            }
            if (Batch is < 1 or > 10_000)
            {
                return ValidationResult.Error($"--batch {Batch} is not between 1 and 10000");
            }
            if (double.IsNaN(AckWait) || AckWait < 1 || AckWait > 3600)
            {
                return ValidationResult.Error($"--ack-wait {AckWait} is not a number of seconds between 1 and 3600");
            }
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var logging = Workspace.Logging();
        var pipelineSettings = PipelineSettings.Default with { BatchSize = settings.Batch, AckWait = TimeSpan.FromSeconds(settings.AckWait) };
        await using var store = await Workspace.OpenStoreAsync(settings, cancellationToken);
        await using var pipeline = await PipelineConnection.OpenAsync(settings.StreamAddress!, pipelineSettings, "cts worker", cancellationToken);
        var application = Workspace.Application(store);
        var worker = new AssessmentWorker(pipeline, application, logging.CreateLogger("cts worker"));
        AnsiConsole.MarkupLineInterpolated($"worker on {store.Location} taking work from {pipeline.Address} (Ctrl+C to stop)");
        await worker.RunAsync(cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"stopped: {worker.Items.ToString("N0", CultureInfo.InvariantCulture)} work item(s), {worker.Assessed.ToString("N0", CultureInfo.InvariantCulture)} assessment(s) written");
        return 0;
    }
}
