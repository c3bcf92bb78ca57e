using Npgsql;

namespace OpenCts.Storage.Postgres;

/// <summary>Reads where a PostgreSQL store lives: a URL (<c>postgres://user[:password]@host[:port]/database</c>) or Npgsql's keyword form (<c>Host=...;Database=...</c>).</summary>
public static class PostgresConnection
{
    /// <summary>Whether a <c>--store</c> value names a PostgreSQL server rather than a folder.</summary>
    public static bool IsPostgres(string store) =>
        store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || store.Contains("host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Npgsql settings a connection string names.</summary>
    /// <exception cref="ArgumentException">The string is neither a PostgreSQL URL nor a keyword connection string; the message names what is wrong.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var text = connectionString.Trim();
        return text.Contains("://", StringComparison.Ordinal) ? FromUrl(text) : FromKeywords(text);
    }

    /// <summary>Where a store is, for people: host, port and database, never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder settings) =>
        $"postgres://{(string.IsNullOrEmpty(settings.Username) ? "" : settings.Username + "@")}{settings.Host}:{settings.Port}/{settings.Database}";

    private static NpgsqlConnectionStringBuilder FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url)
            || !(string.Equals(url.Scheme, "postgres", StringComparison.OrdinalIgnoreCase) || string.Equals(url.Scheme, "postgresql", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"'{Redact(text)}' is not a PostgreSQL URL: write postgres://user@host:port/database", nameof(text));
        }
        if (string.IsNullOrEmpty(url.Host))
        {
            throw new ArgumentException($"'{Redact(text)}' names no host: write postgres://user@host:port/database", nameof(text));
        }
        var database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{Redact(text)}' names no database: write postgres://user@host:port/database", nameof(text));
        }
        var settings = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.IsDefaultPort || url.Port < 0 ? 5432 : url.Port,
            Database = database,
        };
        WithDefaults(settings, "");
        if (url.UserInfo.Length > 0)
        {
            var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
            settings.Username = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
            if (colon >= 0)
            {
                settings.Password = Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
            }
        }
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            try
            {
                // libpq's names where they differ from Npgsql's; any other Npgsql keyword is taken as it is.
                settings[key.ToLowerInvariant() switch
                {
                    "sslmode" => "SSL Mode",
                    "connect_timeout" => "Timeout",
                    "application_name" => "Application Name",
                    _ => key,
                }] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new ArgumentException($"'{Redact(text)}': the option '{key}' is not one PostgreSQL connections take ({e.Message})", nameof(text), e);
            }
        }
        return settings;
    }

    private static NpgsqlConnectionStringBuilder FromKeywords(string text)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"'{Redact(text)}' is not a PostgreSQL connection string ({e.Message}): write postgres://user@host:port/database or Host=...;Database=...", nameof(text), e);
        }
        if (string.IsNullOrEmpty(settings.Host) || string.IsNullOrEmpty(settings.Database))
        {
            throw new ArgumentException($"'{Redact(text)}' must name a host and a database: write postgres://user@host:port/database or Host=...;Database=...", nameof(text));
        }
        WithDefaults(settings, text);
        return settings;
    }

    /// <summary>The store's own defaults, where the connection string does not say otherwise (a URL's options are applied after them).</summary>
    /// <remarks>
    /// The store keeps no session state (no temporary tables, no settings), so a pooled connection need not be reset when
    /// it is returned, and the statements it runs again and again are prepared once per connection. Measured with
    /// <c>cts bench load</c> against a PostgreSQL store: the reset (<c>DISCARD ALL</c>, which also drops prepared statements)
    /// and the parsing and planning of every statement were a large share of the server's processor time per message.
    /// </remarks>
    private static void WithDefaults(NpgsqlConnectionStringBuilder settings, string text)
    {
        if (!text.Contains("reset", StringComparison.OrdinalIgnoreCase))
        {
            settings.NoResetOnClose = true;
        }
        if (!text.Contains("prepare", StringComparison.OrdinalIgnoreCase))
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
        }
    }

    /// <summary>The string with any password replaced, for error messages.</summary>
    private static string Redact(string text)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (scheme >= 0 && at > scheme)
        {
            var colon = text.IndexOf(':', scheme + 3);
            return colon >= 0 && colon < at ? text[..colon] + ":***" + text[at..] : text;
        }
        return System.Text.RegularExpressions.Regex.Replace(text, "(password|pwd)\\s*=[^;]*", "$1=***", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
