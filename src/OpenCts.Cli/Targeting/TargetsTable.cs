using OpenCts.Domain.Assessments;
using OpenCts.Storage.Assessments;
using Spectre.Console;

namespace OpenCts.Cli.Targeting;

/// <summary>The ranked targets as an officer reads them: lane, score, document and every reason with its evidence.</summary>
internal static class TargetsTable
{
    public static void Print(IReadOnlyList<TargetRow> rows, IReadOnlyDictionary<Lane, int> laneCounts)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn("Lane");
        table.AddColumn(new TableColumn("Score").RightAligned());
        table.AddColumn("Document");
        table.AddColumn("Reasons");
        var rank = 0;
        foreach (var row in rows)
        {
            rank++;
            var a = row.Assessment;
            table.AddRow(
                new Text($"{rank}"),
                new Markup(LaneMarkup(a.Lane)),
                new Text($"{a.Score:0.#}"),
                new Markup($"{Markup.Escape(row.DocumentNumber)}\n[grey]{Markup.Escape(KindLabel(row.Kind))} v{a.ConsignmentVersion}[/]"),
                new Markup(string.Join("\n", a.Reasons.Select(ReasonLine))));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Lanes: [red]{laneCounts[Lane.Red]} red[/], [yellow]{laneCounts[Lane.Yellow]} yellow[/], [green]{laneCounts[Lane.Green]} green[/].");
    }

    public static string LaneMarkup(Lane lane) => lane switch
    {
        Lane.Red => "[white on red] RED [/]",
        Lane.Yellow => "[black on yellow] YELLOW [/]",
        _ => "[white on green] GREEN [/]",
    };

    private static string ReasonLine(Reason reason)
    {
        var score = reason.Score >= 0 ? $"+{reason.Score:0.#}" : $"{reason.Score:0.#}";
        var head = $"[bold]{score}[/] {Markup.Escape(KindLabel(reason.Kind.ToString()))} [bold]{Markup.Escape(reason.Code)}[/] {Markup.Escape(reason.Title)}";
        var evidence = reason.Evidence.Count > 0
            ? "\n   [grey]" + Markup.Escape(string.Join("; ", reason.Evidence.Take(3).Select(e => $"{e.Field} = {e.Value}"))) + "[/]"
            : reason.Detail.Length > 0 ? $"\n   [grey]{Markup.Escape(reason.Detail)}[/]" : "";
        return head + evidence;
    }

    private static string KindLabel(string kind) => kind switch
    {
        "OceanBillOfLading" => "ocean B/L",
        "HouseBillOfLading" => "house B/L",
        "MasterAirWaybill" => "master AWB",
        "HouseAirWaybill" => "house AWB",
        "PostalItem" => "postal item",
        "ExpressParcel" => "express parcel",
        "RandomSelection" => "random",
        "TrustedTrader" => "trusted",
        "CrossBorder" => "cross-border",
        _ => kind.ToLowerInvariant(),
    };
}
