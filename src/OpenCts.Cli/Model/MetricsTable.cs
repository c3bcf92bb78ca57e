using OpenCts.RiskModel.Evaluation;
using Spectre.Console;

namespace OpenCts.Cli.Model;

/// <summary>Prints precision and recall at the standard inspection shares and the AUC.</summary>
internal static class MetricsTable
{
    public static void Print(string period, EvaluationMetrics m)
    {
        var table = new Table().AddColumns($"{period} ({m.Rows:N0} rows, {m.Positives:N0} fraud)", "1 %", "2 %", "5 %", "10 %");
        table.AddRow("precision", F(m.PrecisionAt1), F(m.PrecisionAt2), F(m.PrecisionAt5), F(m.PrecisionAt10));
        table.AddRow("recall", F(m.RecallAt1), F(m.RecallAt2), F(m.RecallAt5), F(m.RecallAt10));
        table.AddRow("AUC", F(m.Auc), "", "", "");
        AnsiConsole.Write(table);
    }

    public static string F(double value) => value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
}
