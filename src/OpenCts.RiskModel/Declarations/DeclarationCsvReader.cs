using System.Globalization;
using OpenCts.Domain.Text;
using Sylvan.Data.Csv;

namespace OpenCts.RiskModel.Declarations;

/// <summary>Reads declaration files in the CSV layout of the customs-declarations data set.</summary>
/// <remarks>
/// The whole file is read before anything is returned, so a fault anywhere means no rows at all: a model is never
/// trained on half a file. Faults name the file, the line and the column.
/// </remarks>
public static class DeclarationCsvReader
{
    /// <summary>The columns every declaration file must have, by their header names.</summary>
    public static IReadOnlyList<string> FeatureColumns { get; } =
    [
        "Declaration ID", "Date", "Office ID", "Process Type", "Import Type", "Import Use", "Payment Type", "Mode of Transport",
        "Declarant ID", "Importer ID", "Seller ID", "Courier ID", "HS6 Code", "Country of Departure", "Country of Origin",
        "Tax Rate", "Tax Type", "Country of Origin Indicator", "Net Mass", "Item Price",
    ];

    /// <summary>The examination label columns a training file must have as well.</summary>
    public static IReadOnlyList<string> LabelColumns { get; } = ["Fraud", "Critical Fraud"];

    /// <summary>Reads a file with examination labels, for training and evaluation.</summary>
    public static IReadOnlyList<ExaminedDeclaration> ReadExamined(string path, CancellationToken cancellationToken = default)
    {
        using var reader = OpenText(path);
        return ReadExamined(reader, path, cancellationToken);
    }

    /// <summary>Reads labelled declarations from text; <paramref name="name"/> is the file name used in errors.</summary>
    public static IReadOnlyList<ExaminedDeclaration> ReadExamined(TextReader text, string name, CancellationToken cancellationToken = default)
    {
        var rows = new List<ExaminedDeclaration>();
        Read(text, name, requireLabels: true, (declaration, fraud, critical) => rows.Add(new ExaminedDeclaration(declaration, fraud, critical)), cancellationToken);
        return rows;
    }

    /// <summary>Reads declarations to score; label columns, if present, are ignored.</summary>
    public static IReadOnlyList<Declaration> ReadDeclarations(string path, CancellationToken cancellationToken = default)
    {
        using var reader = OpenText(path);
        var rows = new List<Declaration>();
        Read(reader, path, requireLabels: false, (declaration, _, _) => rows.Add(declaration), cancellationToken);
        return rows;
    }

    /// <summary>Opens a declaration file, or explains in one line why it cannot be opened.</summary>
    /// <exception cref="DeclarationFileException">The file does not exist or cannot be read.</exception>
    public static StreamReader OpenText(string path)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DeclarationFileException(path, "no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DeclarationFileException(path, e.Message);
        }
    }

    private static void Read(TextReader text, string name, bool requireLabels, Action<Declaration, bool, bool> add, CancellationToken cancellationToken)
    {
        if (text.Peek() < 0)
        {
            throw new DeclarationFileException(name, 1, 0, "the file is empty; a header line and at least one declaration are expected");
        }
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true });
        IReadOnlyList<string> required = requireLabels ? [.. FeatureColumns, .. LabelColumns] : FeatureColumns;
        var columns = Locate(csv, name, required);
        var lines = new CsvLines(csv, hasHeader: true);
        var row = new CsvRow(csv, lines, name, columns);
        var count = 0;
        while (lines.Read((line, column, e) => new DeclarationFileException(name, line, column, "not valid CSV: " + e.Message)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (csv.RowFieldCount == 1 && csv.GetString(0).Length == 0)
            {
                continue;
            }
            var declaration = new Declaration(
                Id: row.Text(0),
                Date: row.Date(1),
                Office: row.Text(2),
                ProcessType: row.Text(3),
                ImportType: row.Text(4),
                ImportUse: row.Text(5),
                PaymentType: row.Text(6),
                TransportMode: row.Text(7),
                Declarant: row.Text(8),
                Importer: row.Text(9),
                Seller: row.Text(10),
                Courier: row.Text(11),
                Hs6: row.Text(12),
                Departure: row.Text(13),
                Origin: row.Text(14),
                TaxRate: row.Number(15),
                TaxType: row.Text(16),
                OriginIndicator: row.Text(17),
                NetMassKg: row.Number(18),
                ItemPrice: row.Number(19));
            var fraud = requireLabels && row.Flag(20, out _);
            var critical = requireLabels && row.Flag(21, out var level) && level >= 2;
            add(declaration, fraud, critical);
            count++;
        }
        if (count == 0)
        {
            throw new DeclarationFileException(name, 2, 0, "the file has a header but no declarations");
        }
    }

    private static int[] Locate(CsvDataReader csv, string name, IReadOnlyList<string> required)
    {
        var header = CsvHeader.Of(csv, StringComparer.OrdinalIgnoreCase);
        if (header.FirstMissing(required) is { } missing)
        {
            throw new DeclarationFileException(name, 1, 0, $"the header has no column '{missing}'");
        }
        return [.. required.Select(header.IndexOf)];
    }

    /// <summary>Reads the fields of the current row, naming the place of a bad one.</summary>
    private sealed class CsvRow(CsvDataReader csv, CsvLines lines, string name, int[] columns)
    {
        public string Text(int field)
        {
            var column = columns[field];
            return column < csv.RowFieldCount ? csv.GetString(column).Trim() : throw Fault(field, "the line ends before this column");
        }

        public double Number(int field)
        {
            var text = Text(field);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw Fault(field, $"'{text}' is not a number");
            }
            if (value < 0)
            {
                throw Fault(field, $"{text} must not be negative");
            }
            return value;
        }

        public DateOnly Date(int field)
        {
            var text = Text(field);
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw Fault(field, $"'{text}' is not a date (yyyy-MM-dd)");
        }

        public bool Flag(int field, out int level)
        {
            var text = Text(field);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out level) && !TryWholeNumber(text, out level))
            {
                throw Fault(field, $"'{text}' is not an examination label (0, 1 or 2)");
            }
            if (level is < 0 or > 2)
            {
                throw Fault(field, $"{text} is not an examination label (0, 1 or 2)");
            }
            return level > 0;
        }

        private static bool TryWholeNumber(string text, out int level)
        {
            // Some exports write labels as 1.0.
            level = 0;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value == Math.Floor(value) && value is >= 0 and <= 2)
            {
                level = (int)value;
                return true;
            }
            return false;
        }

        private DeclarationFileException Fault(int field, string problem) =>
            new(name, lines.LineOf(columns[field]), columns[field] + 1, $"column '{csv.GetName(columns[field])}': {problem}");
    }
}
