using System.Globalization;
using OpenCts.Domain.Traders;
using OpenCts.Domain.Text;
using Sylvan.Data.Csv;

namespace OpenCts.Targeting.Catalog;

/// <summary>Reads a CSV of trusted traders: <c>scheme,identifier,name,programme,validFrom,validTo</c>.</summary>
public static class TrustedTraderFile
{
    private static readonly string[] Columns = ["scheme", "identifier", "name", "programme", "validFrom", "validTo"];

    /// <exception cref="FormatException">A column is missing or a value is malformed; the message names the file, line and column.</exception>
    public static IReadOnlyList<TrustedTrader> Load(string path)
    {
        using var csv = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true });
        if (CsvHeader.Of(csv, StringComparer.Ordinal, trim: false).FirstMissing(Columns) is { } missing)
        {
            throw new FormatException($"{path}: line 1: the header lacks the column '{missing}'");
        }
        var traders = new List<TrustedTrader>();
        var lines = new CsvLines(csv, hasHeader: true);
        while (lines.Read((line, column, e) => new FormatException($"{path}: line {line}, column {column}: not valid CSV: {e.Message}", e)))
        {
            string Text(string column) => csv.GetString(csv.GetOrdinal(column)).Trim();
            DateTimeOffset? Date(string column)
            {
                var text = Text(column);
                if (text.Length == 0)
                {
                    return null;
                }
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
                    ? value
                    : throw new FormatException($"{path}: line {lines.LineOf(csv.GetOrdinal(column))}, column {csv.GetOrdinal(column) + 1} ({column}): '{text}' is not a date such as 2026-01-31");
            }
            foreach (var required in Columns[..4])
            {
                if (Text(required).Length == 0)
                {
                    throw new FormatException($"{path}: line {lines.LineOf(csv.GetOrdinal(required))}, column {csv.GetOrdinal(required) + 1} ({required}): is required");
                }
            }
            traders.Add(new TrustedTrader(Text("scheme").ToUpperInvariant(), Text("identifier"), Text("name"), Text("programme"), Date("validFrom"), Date("validTo")));
        }
        return traders;
    }
}

/// <summary>Trusted traders looked up by identifier, with their validity dates.</summary>
public sealed class TrustedTraderRegister : OpenCts.Targeting.Assessment.ITrustedTraders
{
    private readonly Dictionary<string, TrustedTrader> _byIdentifier;

    public TrustedTraderRegister(IEnumerable<TrustedTrader> traders) =>
        _byIdentifier = traders.GroupBy(t => Key(t.Scheme, t.Identifier), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    public int Count => _byIdentifier.Count;

    public string? ProgrammeOf(OpenCts.Domain.Consignments.Party party, DateTimeOffset instant)
    {
        foreach (var id in party.Identifiers)
        {
            if (_byIdentifier.TryGetValue(Key(id.Scheme, id.Value), out var trader) && trader.IsValidAt(instant))
            {
                return trader.Programme;
            }
        }
        return null;
    }

    private static string Key(string scheme, string identifier) => $"{scheme.ToUpperInvariant()}:{identifier.ToUpperInvariant()}";
}
