using System.Collections.Frozen;
using System.Globalization;
using OpenCts.Domain.Text;
using OpenCts.Domain.Values;
using Sylvan.Data.Csv;

namespace OpenCts.Commerce.Valuation;

/// <summary>Exchange rates into the national currency, as units of each foreign currency per one unit of the national currency.</summary>
/// <remarks>
/// The layout is the one central banks publish (the ECB's euro reference rates: 1 EUR = 1.0823 USD): a CSV file with
/// the columns <c>currency,unitsPerNational,date</c>. An amount converts as <c>amount / unitsPerNational</c>. The national
/// currency itself converts at 1 whether or not the file names it.
/// </remarks>
public sealed class ExchangeRates
{
    private static readonly string[] Columns = ["currency", "unitsPerNational", "date"];
    private readonly FrozenDictionary<string, double> _unitsPerNational;

    /// <summary>Rates from a table of units per national unit, such as <c>{"USD": 1.08}</c>.</summary>
    public ExchangeRates(CurrencyCode national, IReadOnlyDictionary<string, double> unitsPerNational, DateOnly? date = null)
    {
        ArgumentNullException.ThrowIfNull(unitsPerNational);
        National = national;
        Date = date;
        var rates = new Dictionary<string, double>(unitsPerNational, StringComparer.Ordinal) { [national.Value] = 1.0 };
        _unitsPerNational = rates.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The national currency.</summary>
    public CurrencyCode National { get; }

    /// <summary>The latest date of the rates, when the file gives one.</summary>
    public DateOnly? Date { get; }

    /// <summary>The currencies that convert, the national one included.</summary>
    public int Count => _unitsPerNational.Count;

    /// <summary>An amount in the national currency; NaN for a currency without a rate.</summary>
    public double ToNational(Money money) =>
        _unitsPerNational.TryGetValue(money.Currency.Value ?? "", out var rate) ? (double)money.Amount / rate : double.NaN;

    /// <summary>Units of a currency per national unit; NaN without a rate.</summary>
    public double UnitsPerNational(CurrencyCode currency) =>
        _unitsPerNational.TryGetValue(currency.Value ?? "", out var rate) ? rate : double.NaN;

    /// <summary>Reads a rates file; a bad line raises a <see cref="CommerceFileException"/> naming its line and column, and no rate is taken.</summary>
    public static ExchangeRates Load(string path, CurrencyCode national)
    {
        try
        {
            using var reader = File.OpenText(path);
            return Read(reader, path, national);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommerceFileException(path, 0, "", "cannot be read: " + e.Message);
        }
    }

    /// <summary>Reads rates from CSV text, naming <paramref name="fileName"/> in errors.</summary>
    public static ExchangeRates Read(TextReader text, string fileName, CurrencyCode national)
    {
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true });
        }
        catch (FormatException e)
        {
            throw new CommerceFileException(fileName, 1, "", "not valid CSV: " + e.Message);
        }
        using (csv)
        {
            var header = CsvHeader.Of(csv, StringComparer.OrdinalIgnoreCase);
            if (header.FirstMissing(Columns.Take(2)) is { } missing)
            {
                throw new CommerceFileException(fileName, 1, missing, "column missing; the header is " + string.Join(",", Columns));
            }
            var currencyAt = header.IndexOf("currency");
            var rateAt = header.IndexOf("unitsPerNational");
            var dateAt = header.IndexOf("date");
            var lines = new CsvLines(csv, hasHeader: true);
            var rates = new Dictionary<string, double>(StringComparer.Ordinal);
            var seenAt = new Dictionary<string, int>(StringComparer.Ordinal);
            DateOnly? latest = null;
            while (lines.Read((line, column, e) => new CommerceFileException(fileName, line, "", "not valid CSV: " + e.Message)))
            {
                var line = lines.Line;
                var currencyText = Field(csv, currencyAt);
                if (!CurrencyCode.TryParse(currencyText, out var currency, out var error))
                {
                    throw new CommerceFileException(fileName, line, "currency", error);
                }
                var rateText = Field(csv, rateAt);
                if (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !double.IsFinite(rate) || rate <= 0)
                {
                    throw new CommerceFileException(fileName, line, "unitsPerNational", $"'{rateText}' is not a positive number");
                }
                if (currency.Value == national && Math.Abs(rate - 1) > 1e-9)
                {
                    throw new CommerceFileException(fileName, line, "unitsPerNational", $"the national currency {national} must convert at 1, not {rateText}");
                }
                if (dateAt >= 0 && Field(csv, dateAt) is { Length: > 0 } dateText)
                {
                    if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        throw new CommerceFileException(fileName, line, "date", $"'{dateText}' is not a date (yyyy-MM-dd)");
                    }
                    latest = latest is { } l && l > date ? l : date;
                }
                if (!seenAt.TryAdd(currency.Value.Value, line))
                {
                    throw new CommerceFileException(fileName, line, "currency", string.Create(CultureInfo.InvariantCulture, $"{currency} already has a rate on line {seenAt[currency.Value.Value]}"));
                }
                rates[currency.Value.Value] = rate;
            }
            return new ExchangeRates(national, rates, latest);
        }
    }

    private static string Field(CsvDataReader csv, int ordinal) => ordinal < csv.RowFieldCount ? csv.GetString(ordinal).Trim() : "";
}
