using System.Globalization;
using OpenCts.Domain.Common;
using OpenCts.Storage.Retention;

namespace OpenCts.Application.Privacy;

/// <summary>How long one kind of record is kept: <c>audit 400d</c>, <c>consignment 5y</c>.</summary>
/// <remarks>Years are calendar years, so a five-year rule ends on the same date five years on, leap days or not.</remarks>
public sealed record RetentionRule
{
    private RetentionRule(string kind, int amount, char unit)
    {
        Kind = kind;
        Amount = amount;
        Unit = unit;
    }

    /// <summary>The kind of record (<see cref="RetentionKinds"/>).</summary>
    public string Kind { get; }

    /// <summary>How many days or years.</summary>
    public int Amount { get; }

    /// <summary><c>d</c> for days, <c>y</c> for years.</summary>
    public char Unit { get; }

    /// <summary>The rule as written, recorded in each tombstone it leaves.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Kind} {Amount}{Unit}");

    /// <summary>Records dated before this are past the period at <paramref name="now"/>.</summary>
    public DateTimeOffset CutoffAt(DateTimeOffset now) => Unit == 'y' ? now.AddYears(-Amount) : now.AddDays(-Amount);

    /// <summary>Reads <c>KIND PERIOD</c>, such as <c>audit 400d</c> or <c>consignment=5y</c>.</summary>
    /// <exception cref="InputFormatException">The kind is unknown or the period is not a whole number of days (<c>d</c>) or years (<c>y</c>); the message names <paramref name="place"/>.</exception>
    public static RetentionRule Parse(string text, string place)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split([' ', '\t', '='], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            throw new InputFormatException($"{place}: \"{text}\" is not a rule; write KIND PERIOD, such as \"audit 400d\"", problem: "not KIND PERIOD");
        }
        var kind = parts[0].ToLowerInvariant();
        if (!RetentionKinds.IsKnown(kind))
        {
            throw new InputFormatException($"{place}: no records of kind \"{parts[0]}\" are kept under rules; one of {string.Join(", ", RetentionKinds.All)}", problem: "unknown kind");
        }
        var period = parts[1];
        var unit = period.Length > 1 ? char.ToLowerInvariant(period[^1]) : ' ';
        if (unit is not ('d' or 'y')
            || !int.TryParse(period.AsSpan(0, period.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount < 1 || amount > (unit == 'y' ? 100 : 36_500))
        {
            throw new InputFormatException($"{place}: \"{period}\" is not a period; write a whole number of days or years from 1, such as 400d or 5y", problem: "bad period");
        }
        return new RetentionRule(kind, amount, unit);
    }
}
