using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OpenCts.Domain.Common;
using OpenCts.Domain.Examinations;
using OpenCts.Storage.Examinations;

namespace OpenCts.Application.Examinations;

/// <summary>The keys that identify an examination result across retries, and the fingerprints that tell a retry from another result.</summary>
/// <remarks>
/// A client names its result with an <c>Idempotency-Key</c> header or a <c>resultId</c> (in the API body or a file
/// column); a file row without one is named by its content (<see cref="OfFileRow"/>), so that importing a file again
/// records none of its rows twice. The fingerprint is a SHA-256 of the fields the client sent, each length-prefixed,
/// with amounts written without trailing zeros (12.50 and 12.5 are one amount).
/// </remarks>
public static class ResultKeys
{
    /// <summary>Checks a client's key: 1 to <see cref="ExaminationKeys.MaxLength"/> visible ASCII characters.</summary>
    /// <exception cref="DomainException">It is empty, too long, or holds a space or a control or non-ASCII character; <paramref name="field"/> is named.</exception>
    public static string Check(string? key, string field)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new DomainException(field, "is empty; a key is 1 to 200 visible ASCII characters, such as a UUID");
        }
        if (key.Length > ExaminationKeys.MaxLength)
        {
            throw new DomainException(field, $"is longer than {ExaminationKeys.MaxLength} characters");
        }
        foreach (var c in key)
        {
            if (c is < '!' or > '~')
            {
                throw new DomainException(field, "may hold only visible ASCII characters (no spaces), such as a UUID");
            }
        }
        return key;
    }

    /// <summary>The fingerprint of a result recorded through the API or the result form: what the examiner sent.</summary>
    public static string OfReport(string documentKey, string finding, decimal? amount, string? currency, decimal? quantity, string? comment) =>
        Hash("report", documentKey, finding, Number(amount), currency, Number(quantity), comment);

    /// <summary>The fingerprint of a row of a results file: every field it gives.</summary>
    public static string OfFileRow(ExaminationResult result) =>
        Hash("file", result.DocumentKey, result.Outcome.ToString(), Number(result.AmountRecovered), result.ExaminedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), result.Notes);

    /// <summary>The key of a file row with no result id: its content, so the same row in the same or another file is one result.</summary>
    public static string OfFileRowContent(string fingerprint) => "row:" + fingerprint;

    private static string? Number(decimal? value) => value?.ToString("G29", CultureInfo.InvariantCulture);

    private static string Hash(params string?[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            // Length-prefixed, and null apart from empty, so no two different field lists give the same text.
            text.Append(part is null ? "-" : part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
