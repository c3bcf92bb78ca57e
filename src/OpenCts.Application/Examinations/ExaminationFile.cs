using OpenCts.Domain.Examinations;
using System.Globalization;
using OpenCts.Domain.Text;
using OpenCts.RiskModel.Declarations;
using OpenCts.Storage.Examinations;
using Sylvan.Data.Csv;

namespace OpenCts.Application.Examinations;

/// <summary>A row of a results file: the result with its key, and where it is.</summary>
/// <param name="Result">The result, keyed by its <c>resultId</c> or, without one, by its content (<see cref="ResultKeys"/>).</param>
/// <param name="Line">The line its row starts on.</param>
/// <param name="KeyColumn">The 1-based column of its <c>resultId</c>; 0 when the row is keyed by its content.</param>
public sealed record ExaminationFileRow(KeyedExamination Result, int Line, int KeyColumn);

/// <summary>Reads examination results from CSV: documentKey, outcome, amountRecovered, examinedAt, and optional notes and resultId.</summary>
/// <remarks>
/// The whole file is read before anything is stored; the first fault is named by file, line and column. Each row is
/// identified so that importing a file again records nothing twice: by its <c>resultId</c> when the file has that column
/// and the row fills it (the same id the API takes), otherwise by its content (document, outcome, amount, date and notes).
/// Two rows with the same content are therefore one result; a result id given to two rows with different values is a fault.
/// </remarks>
public static class ExaminationFile
{
    private static readonly string[] Required = ["documentKey", "outcome", "amountRecovered", "examinedAt"];

    /// <summary>Reads and checks every row of a results file.</summary>
    /// <exception cref="DeclarationFileException">A row or the header is not valid; the file, line and column are named.</exception>
    public static IReadOnlyList<ExaminationFileRow> Read(string path, CancellationToken cancellationToken)
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
        var resultIds = header.IndexOf("resultId");
        var results = new List<ExaminationFileRow>();
        var byKey = new Dictionary<string, ExaminationFileRow>(StringComparer.Ordinal);
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
            var result = new ExaminationResult(key, outcome, amount, examinedAt, string.IsNullOrWhiteSpace(note) ? null : note);
            var fingerprint = ResultKeys.OfFileRow(result);
            var resultId = resultIds >= 0 && resultIds < csv.RowFieldCount ? csv.GetString(resultIds).Trim() : "";
            ExaminationFileRow row;
            if (resultId.Length > 0)
            {
                try
                {
                    ResultKeys.Check(resultId, "resultId");
                }
                catch (OpenCts.Domain.Common.DomainException e)
                {
                    throw Fault(resultIds, e.Reason);
                }
                row = new ExaminationFileRow(new KeyedExamination(result, resultId, fingerprint), lines.LineOf(resultIds), resultIds + 1);
            }
            else
            {
                row = new ExaminationFileRow(new KeyedExamination(result, ResultKeys.OfFileRowContent(fingerprint), fingerprint), lines.LineOf(columns[0]), 0);
            }
            if (byKey.TryGetValue(row.Result.Key, out var first) && !string.Equals(first.Result.Fingerprint, fingerprint, StringComparison.Ordinal))
            {
                throw Fault(resultIds, $"'{resultId}' is also the result id of line {first.Line}, with other values; each result needs an id of its own");
            }
            byKey.TryAdd(row.Result.Key, row);
            results.Add(row);
        }
        if (results.Count == 0)
        {
            throw new DeclarationFileException(path, 2, 0, "the file has a header but no results");
        }
        return results;
    }
}
