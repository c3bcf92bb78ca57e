using System.ComponentModel;
using System.Text.Json;
using OpenCts.Domain.Messages;
using OpenCts.Cli.Common;
using OpenCts.Domain.Serialization;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Storage;
using OpenCts.Storage.Messages;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ingest;

/// <summary><c>cts ingest FILES|DIRS</c>: reads advance cargo messages and stores each one, all of it or none of it.</summary>
internal sealed class IngestCommand : Command<IngestCommand.Settings>
{
    public sealed class Settings : StoreSettings
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

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var files = FileReceiver.Expand(settings.Paths);
        if (settings.DryRun)
        {
            return DryRun(files, settings.Json, cancellationToken);
        }
        using var store = Workspace.OpenStore(settings);
        var summary = MessageIngestion.Run(store, files, settings.Json, cancellationToken);
        if (!settings.Json)
        {
            summary.Print();
        }
        return summary.Rejected > 0 ? 1 : 0;
    }

    private static int DryRun(IReadOnlyList<string> files, bool json, CancellationToken cancellationToken)
    {
        var receiver = new FileReceiver(Workspace.Formats, TimeProvider.System);
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

/// <summary>Stores the messages of files and counts what became of them.</summary>
internal sealed class MessageIngestion
{
    public int Files { get; private set; }

    public int Stored { get; private set; }

    public int Duplicates { get; private set; }

    public int Rejected { get; private set; }

    public int Versions { get; private set; }

    public int Warnings { get; private set; }

    public static MessageIngestion Run(CtsStore store, IReadOnlyList<string> files, bool json, CancellationToken cancellationToken)
    {
        var receiver = new FileReceiver(Workspace.Formats, store.Clock);
        var summary = new MessageIngestion();
        var problems = new List<IngestionIssue>();
        Output.WithProgress("Ingesting", files.Count, advance =>
        {
            foreach (var file in files)
            {
                summary.Files++;
                foreach (var message in receiver.Read(file, cancellationToken).Messages)
                {
                    var stored = store.Messages.Store(message, Path.GetFileName(file));
                    summary.Count(stored);
                    problems.AddRange(stored.Issues);
                    if (json)
                    {
                        Console.Out.WriteLine(JsonSerializer.Serialize(new
                        {
                            file,
                            sender = message.Sender,
                            messageId = message.MessageId,
                            outcome = stored.Outcome.ToString().ToLowerInvariant(),
                            rawMessageId = stored.RawMessageId,
                            versions = stored.Versions.Select(v => new { documentKey = v.DocumentKey, version = v.Version }),
                            issues = stored.Issues.Select(i => new { severity = i.Severity.ToString().ToLowerInvariant(), location = i.Location, message = i.Message }),
                        }));
                    }
                }
                advance(1);
            }
            return 0;
        });
        if (!json)
        {
            foreach (var problem in problems)
            {
                Output.Issue(problem);
            }
        }
        return summary;
    }

    private void Count(StoredMessage stored)
    {
        switch (stored.Outcome)
        {
            case MessageOutcome.Stored:
                Stored++;
                break;
            case MessageOutcome.Duplicate:
                Duplicates++;
                break;
            default:
                Rejected++;
                break;
        }
        Versions += stored.Versions.Count;
        Warnings += stored.Issues.Count(i => i.Severity == IssueSeverity.Warning);
    }

    public void Print()
    {
        var table = new Table().AddColumns("files", "messages stored", "duplicates", "rejected", "consignment versions", "warnings");
        table.AddRow($"{Files}", $"{Stored}", $"{Duplicates}", Rejected > 0 ? $"[red]{Rejected}[/]" : "0", $"{Versions}", $"{Warnings}");
        AnsiConsole.Write(table);
    }
}
