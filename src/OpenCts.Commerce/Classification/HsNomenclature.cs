using OpenCts.Domain.Text;
using Sylvan.Data.Csv;

namespace OpenCts.Commerce.Classification;

/// <summary>Reads the Harmonized System nomenclature (<c>section, hscode, description, parent, level</c>) as training text: every heading and subheading line, labelled with its heading.</summary>
/// <remarks>The repository keeps HS 2022 in <c>data/reference/harmonized-system.csv</c>; the host names the file.</remarks>
public static class HsNomenclature
{
    /// <summary>Each heading's and subheading's description with its 4-digit heading; a bad line raises a <see cref="CommerceFileException"/>.</summary>
    public static IReadOnlyList<(string Description, string Hs)> Read(string path)
    {
        try
        {
            using var text = File.OpenText(path);
            return Read(text, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommerceFileException(path, 0, "", "cannot be read: " + e.Message);
        }
    }

    /// <inheritdoc cref="Read(string)"/>
    public static IReadOnlyList<(string Description, string Hs)> Read(TextReader text, string fileName)
    {
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true });
        var header = CsvHeader.Of(csv, StringComparer.OrdinalIgnoreCase);
        if (header.FirstMissing(["hscode", "description"]) is { } missing)
        {
            throw new CommerceFileException(fileName, 1, missing, "column missing; the header is section,hscode,description,parent,level");
        }
        var codeAt = header.IndexOf("hscode");
        var descriptionAt = header.IndexOf("description");
        var lines = new CsvLines(csv, hasHeader: true);
        var result = new List<(string, string)>();
        while (lines.Read((line, column, e) => new CommerceFileException(fileName, line, "", "not valid CSV: " + e.Message)))
        {
            var code = csv.GetString(codeAt).Trim();
            // UN Comtrade adds a TOTAL row and chapter 99 (commodities not specified): neither is goods to learn.
            if (code == "TOTAL" || code.StartsWith("99", StringComparison.Ordinal))
            {
                continue;
            }
            if (code.Length is not (2 or 4 or 6) || !code.All(char.IsAsciiDigit))
            {
                throw new CommerceFileException(fileName, lines.Line, "hscode", $"'{code}' is not a chapter, heading or subheading");
            }
            // Chapters name too much to teach a heading; headings and subheadings are the training text.
            if (code.Length >= 4)
            {
                result.Add((csv.GetString(descriptionAt), code[..4]));
            }
        }
        return result;
    }
}
