using System.Collections.Frozen;

namespace OpenCts.Commerce.Entities;

/// <summary>
/// Normalises e-mail addresses to the mailbox that receives them: lower case; for Gmail, dots and <c>+tags</c> dropped
/// and googlemail.com read as gmail.com; <c>+tags</c> dropped where the provider delivers them to the same box
/// (Outlook, Hotmail, Live, iCloud, Proton, Fastmail); <c>-tags</c> for Yahoo.
/// </summary>
public static class EmailNormaliser
{
    private static readonly FrozenSet<string> PlusTagDomains = new[]
    {
        "outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es", "live.com",
        "live.co.uk", "live.fr", "live.de", "live.nl", "msn.com", "outlook.fr", "outlook.de", "icloud.com", "me.com",
        "mac.com", "protonmail.com", "proton.me", "pm.me", "fastmail.com", "fastmail.fm",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> YahooDomains = new[]
    {
        "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.it", "yahoo.es", "yahoo.co.jp", "yahoo.com.au", "ymail.com", "rocketmail.com",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The canonical mailbox of <paramref name="email"/>, or null when it is not an address.</summary>
    public static string? Normalise(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }
        var text = email.Trim().Trim('<', '>').ToLowerInvariant();
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return null;
        }
        var local = text[..at];
        var domain = text[(at + 1)..].TrimEnd('.');
        if (domain is "gmail.com" or "googlemail.com")
        {
            domain = "gmail.com";
            local = Untag(local, '+').Replace(".", "", StringComparison.Ordinal);
        }
        else if (PlusTagDomains.Contains(domain))
        {
            local = Untag(local, '+');
        }
        else if (YahooDomains.Contains(domain))
        {
            local = Untag(local, '-');
        }
        return local.Length == 0 ? null : local + "@" + domain;
    }

    private static string Untag(string local, char mark)
    {
        var at = local.IndexOf(mark, StringComparison.Ordinal);
        return at >= 0 ? local[..at] : local;
    }
}
