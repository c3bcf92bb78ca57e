namespace OpenCts.Storage.Examinations;

/// <summary>The check both backends make inside the write when a keyed result's key is already stored.</summary>
public static class ExaminationKeys
{
    /// <summary>The longest key a client may give (it is stored and indexed).</summary>
    public const int MaxLength = 200;

    /// <summary>Refuses a key that is stored with another result; a key stored with the same fingerprint is a retry and passes.</summary>
    /// <param name="key">The client's key.</param>
    /// <param name="storedFingerprint">The fingerprint stored under the key, read inside the write.</param>
    /// <param name="storedDocument">The document of the result stored under the key.</param>
    /// <param name="fingerprint">The fingerprint of the result sent now.</param>
    /// <exception cref="StoreConflictException">The fingerprints differ.</exception>
    public static void ThrowIfOther(string key, string storedFingerprint, string storedDocument, string fingerprint)
    {
        if (!string.Equals(storedFingerprint, fingerprint, StringComparison.Ordinal))
        {
            throw new StoreConflictException(
                $"{Prefix}{key}{Suffix} with a different result (document {storedDocument}); a retry must send the same result, and a new result needs a new key");
        }
    }

    /// <summary>The key a conflict of <see cref="ThrowIfOther"/> names; null for any other conflict.</summary>
    public static string? KeyOf(StoreConflictException conflict)
    {
        var message = conflict.Message;
        var end = message.IndexOf(Suffix, StringComparison.Ordinal);
        return message.StartsWith(Prefix, StringComparison.Ordinal) && end > Prefix.Length ? message[Prefix.Length..end] : null;
    }

    private const string Prefix = "examination result key '";

    // Keys hold no spaces (they are visible ASCII), so the first occurrence of the suffix ends the key.
    private const string Suffix = "' is already recorded";
}
