using System.Globalization;

namespace OpenCts.Storage.Postgres;

/// <summary>Instants as the store writes them: ISO 8601 in UTC, as the SQLite store does, so that text order is time order and the canonical records agree.</summary>
internal static class PostgresText
{
    public static string Of(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string? OfOptional(DateTimeOffset? at) => at is { } a ? Of(a) : null;

    public static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
