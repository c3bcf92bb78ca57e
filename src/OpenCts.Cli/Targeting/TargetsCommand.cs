using System.ComponentModel;
using System.Text.Json;
using OpenCts.Cli.Common;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Serialization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Targeting;

/// <summary><c>cts targets</c>: the ranked worklist of assessed consignments with their reasons.</summary>
internal sealed class TargetsCommand : AsyncCommand<TargetsCommand.Settings>
{
    public class Settings : StoreSettings
    {
        [CommandOption("--top <N>")]
        [Description("Show at most N targets (default 20).")]
        [DefaultValue(20)]
        public int Top { get; init; } = 20;

        [CommandOption("--lane <LANE>")]
        [Description("Lowest lane to show: red, yellow or green (default yellow).")]
        [DefaultValue("yellow")]
        public string Lane { get; init; } = "yellow";

        [CommandOption("--json")]
        [Description("Write the targets as JSON lines instead of a table.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Enum.TryParse<Lane>(Lane, ignoreCase: true, out _) && !int.TryParse(Lane, out _)
                ? ValidationResult.Success()
                : ValidationResult.Error($"--lane '{Lane}' is not one of red, yellow, green");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = Workspace.OpenExistingStore(settings);
        await Show(store, settings, cancellationToken);
        return 0;
    }

    public static async Task Show(Storage.ICtsStore store, Settings settings, CancellationToken cancellationToken)
    {
        var minimum = Enum.Parse<Lane>(settings.Lane, ignoreCase: true);
        var rows = await store.Assessments.TargetsAsync(settings.Top, minimum, cancellationToken);
        if (settings.Json)
        {
            foreach (var row in rows)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { documentNumber = row.DocumentNumber, assessment = row.Assessment }, DomainJson.Options));
            }
            return;
        }
        if (rows.Count == 0)
        {
            AnsiConsole.MarkupLine("No targets: nothing assessed in this lane or above. Run [bold]cts assess[/] first.");
            return;
        }
        TargetsTable.Print(rows, await store.Assessments.LaneCountsAsync(cancellationToken));
    }
}
