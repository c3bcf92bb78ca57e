using System.ComponentModel;
using System.Text.Json;
using OpenCts.Cli.Common;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Serialization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Targeting;

/// <summary><c>cts targets</c>: the ranked worklist of assessed consignments with their reasons.</summary>
internal sealed class TargetsCommand : Command<TargetsCommand.Settings>
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

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = Workspace.OpenExistingStore(settings);
        Show(store, settings);
        return 0;
    }

    public static void Show(Storage.CtsStore store, Settings settings)
    {
        var minimum = Enum.Parse<Lane>(settings.Lane, ignoreCase: true);
        var rows = store.Assessments.Targets(settings.Top, minimum);
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
        TargetsTable.Print(rows, store.Assessments.LaneCounts());
    }
}
