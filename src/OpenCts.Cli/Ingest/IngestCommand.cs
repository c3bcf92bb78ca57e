using System.ComponentModel;
using System.Text.Json;
using OpenCts.Domain.Messages;
using OpenCts.Cli.Common;
using OpenCts.Domain.Serialization;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Application;
using OpenCts.Application.Intake;
using OpenCts.Pipeline.Intake;
using OpenCts.Pipeline.Streams;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ingest;

/// <summary><c>cts ingest FILES|DIRS</c>: reads advance cargo messages and stores each one, all of it or none of it.</summary>
/// <remarks>With <c>--stream</c>, each stored message is also queued for <c>cts worker</c> processes to assess.</remarks>
internal sealed class IngestCommand : AsyncCommand<IngestCommand.Settings>
{
    public sealed class Settings : ScaleOutSettings
    {
        [CommandArgument(0, "<PATHS>")]
        [Description("Message files, or folders to read recursively.")]
        public string[] Paths { get; init; } = [];

        [CommandOption("--dry-run")]
        [Description("Parse and report only; store nothing.")]
        public bool DryRun { get; init; }

        [CommandOption("--json")]
        [Description("Print the parsed consignments as JSON lines (with --dry-run) or the outcome of each message as JSON.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var files = FileReceiver.Expand(settings.Paths);
        if (settings.DryRun)
        {
            return DryRun(files, settings.Json, cancellationToken);
        }
        // Only the pipeline logs; the embedded default loads no logging.
        using var logging = settings.Stream is null ? null : Workspace.Logging();
        await using var store = await Workspace.OpenStoreAsync(settings, cancellationToken);
        await using var pipeline = settings.StreamAddress is { } address ? await PipelineConnection.OpenAsync(address, null, "cts ingest", cancellationToken) : null;
        await using var queue = pipeline is null ? null : await IntakeQueue.StartAsync(pipeline, store, logging?.CreateLogger("cts ingest"), cancellationToken);
        var application = Workspace.Application(store, queue);
        var summary = await Run(application, files, settings.Json, cancellationToken);
        if (queue is not null && !await queue.CatchUpAsync(TimeSpan.FromSeconds(30), cancellationToken))
        {
            Output.Warning($"the stream at {pipeline!.Address} did not take every stored message; they stay pending in the store and the next intake queues them");
        }
        if (!settings.Json)
        {
            Print(summary);
        }
        return summary.Rejected > 0 ? 1 : 0;
    }

    /// <summary>Receives files with a progress bar; with <paramref name="json"/>, prints each message's outcome as a JSON line.</summary>
    public static async Task<IntakeSummary> Run(CtsApplication application, IReadOnlyList<string> files, bool json, CancellationToken cancellationToken)
    {
        var summary = new IntakeSummary();
        await Output.WithProgressAsync("Ingesting", files.Count, async progress =>
        {
            // Told of each file once it is committed, in the order given.
            await application.Intake.ReceiveFilesAsync(files, received =>
            {
                var file = files[summary.Files];
                summary.Add(received);
                if (json)
                {
                    foreach (var message in received)
                    {
                        PrintJson(file, message);
                    }
                }
                progress?.Report(summary.Files);
            }, cancellationToken);
            return 0;
        });
        if (!json)
        {
            foreach (var issue in summary.Issues)
            {
                Output.Issue(issue);
            }
        }
        return summary;
    }

    public static void Print(IntakeSummary summary)
    {
        var table = new Table().AddColumns("files", "messages stored", "with findings", "duplicates", "rejected", "consignment versions", "warnings");
        table.AddRow($"{summary.Files}", $"{summary.Stored}", $"{summary.WithFindings}", $"{summary.Duplicates}", summary.Rejected > 0 ? $"[red]{summary.Rejected}[/]" : "0", $"{summary.Versions}", $"{summary.Warnings}");
        AnsiConsole.Write(table);
    }

    private static void PrintJson(string file, ReceivedMessage received)
    {
        var (message, stored) = (received.Message, received.Stored);
        Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            file,
            sender = message.Sender,
            messageId = message.MessageId,
            outcome = stored.Outcome.ToString().ToLowerInvariant(),
            status = stored.Status,
            rawMessageId = stored.RawMessageId,
            versions = stored.Versions.Select(v => new { documentKey = v.DocumentKey, version = v.Version }),
            issues = stored.Issues.Select(i => new { severity = i.Severity.ToString().ToLowerInvariant(), location = i.Location, message = i.Message }),
            findings = stored.Findings.Select(f => new { documentKey = f.DocumentKey, path = f.Finding.Path, value = f.Finding.Value, rule = f.Finding.Rule, message = f.Finding.Message }),
        }));
    }

    private static int DryRun(IReadOnlyList<string> files, bool json, CancellationToken cancellationToken)
    {
        var receiver = new FileReceiver(MessageFormats.All, TimeProvider.System);
        var rejected = 0;
        var stdout = Console.OpenStandardOutput();
        foreach (var file in files)
        {
            foreach (var message in receiver.Read(file, cancellationToken).Messages)
            {
                foreach (var issue in message.Issues)
                {
                    Output.Issue(issue);
                }
                rejected += message.IsRejected ? 1 : 0;
                foreach (var consignment in message.Consignments)
                {
                    if (json)
                    {
                        using (var writer = new Utf8JsonWriter(stdout))
                        {
                            ConsignmentJsonWriter.Write(writer, consignment);
                        }
                        stdout.WriteByte((byte)'\n');
                    }
                    else
                    {
                        AnsiConsole.MarkupLineInterpolated($"{message.Format} {file}: {consignment.Document.Kind} {consignment.Document.Number}, {consignment.Goods.Count} goods item(s)");
                    }
                }
            }
        }
        stdout.Flush();
        return rejected > 0 ? 1 : 0;
    }
}
