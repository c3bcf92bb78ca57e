using OpenCts.Domain.Examinations;
using System.Globalization;
using OpenCts.Domain.Text;
using OpenCts.RiskModel.Declarations;
using OpenCts.Storage.Examinations;
using Sylvan.Data.Csv;

namespace OpenCts.Application.Examinations;

/// <summary>Reads examination results from CSV: documentKey, outcome, amountRecovered, examinedAt and optional notes.</summary>
/// <remarks>The whole file is read before anything is stored; the first fault is named by file, line and column.</remarks>
public static class ExaminationFile
{
    private static readonly string[] Required = ["documentKey", "outcome", "amountRecovered", "examinedAt"];

    public static IReadOnlyList<ExaminationResult> Read(string path, CancellationToken cancellationToken)
    {
        using var text = DeclarationCsvReader.OpenText(path);
        if (text.Peek() < 0)
        {
            throw new DeclarationFileException(path, 1, 0, "the file is empty; a header line and at least one result are expected");
        }
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true });
        var header = CsvHeader.Of(csv, StringComparer.OrdinalIgnoreCase);
        if (header.FirstMissing(Required) is { } missing)
        {
            throw new DeclarationFileException(path, 1, 0, $"the header has no column '{missing}'");
        }
        var columns = Required.Select(header.IndexOf).ToArray();
        var notes = header.IndexOf("notes");
        var results = new List<ExaminationResult>();
        var lines = new CsvLines(csv, hasHeader: true);
        while (lines.Read((line, column, e) => new DeclarationFileException(path, line, column, "not valid CSV: " + e.Message)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string Field(int column) => column < csv.RowFieldCount
                ? csv.GetString(column).Trim()
                : throw new DeclarationFileException(path, lines.LineOf(column), column + 1, $"column '{csv.GetName(column)}': the line ends before this column");
            DeclarationFileException Fault(int column, string problem) => new(path, lines.LineOf(column), column + 1, $"column '{csv.GetName(column)}': {problem}");

            var key = Field(columns[0]);
            if (key.Length == 0)
            {
                throw Fault(columns[0], "the document key is empty");
            }
            var outcomeText = Field(columns[1]);
            var outcome = outcomeText.ToUpperInvariant() switch
            {
                "COMPLIANT" or "0" => ExaminationOutcome.Compliant,
                "IRREGULAR" or "1" => ExaminationOutcome.Irregular,
                _ => throw Fault(columns[1], $"'{outcomeText}' is not an outcome (compliant or irregular)"),
            };
            var amountText = Field(columns[2]);
            if (!decimal.TryParse(amountText.Length == 0 ? "0" : amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount < 0)
            {
                throw Fault(columns[2], $"'{amountText}' is not an amount");
            }
            var dateText = Field(columns[3]);
            if (!DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var examinedAt))
            {
                throw Fault(columns[3], $"'{dateText}' is not a date (ISO 8601)");
            }
            var note = notes >= 0 && notes < csv.RowFieldCount ? csv.GetString(notes) : null;
            results.Add(new ExaminationResult(key, outcome, amount, examinedAt, string.IsNullOrWhiteSpace(note) ? null : note));
        }
        if (results.Count == 0)
        {
            throw new DeclarationFileException(path, 2, 0, "the file has a header but no results");
        }
        return results;
    }
}
