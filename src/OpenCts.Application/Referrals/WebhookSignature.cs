using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenCts.Application.Referrals;

/// <summary>How a webhook is signed: HMAC-SHA256, keyed with the callback's secret, of the timestamp, a dot, and the body.</summary>
/// <remarks>
/// The receiver recomputes the signature from the <see cref="TimestampHeader"/> and the raw body, compares it in constant
/// time with <see cref="SignatureHeader"/>, and refuses a timestamp too far from its own clock, so that a captured request
/// cannot be replayed later. The scheme is the one Stripe and GitHub use.
/// </remarks>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-OpenCTS-Signature";

    /// <summary>Seconds since 1970, as signed.</summary>
    public const string TimestampHeader = "X-OpenCTS-Timestamp";

    /// <summary>The delivery's id, the same on every attempt, so that a receiver can ignore a repeat.</summary>
    public const string DeliveryHeader = "X-OpenCTS-Delivery";

    /// <summary>The header value: <c>sha256=</c> and the HMAC in lower-case hex.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Whether a signature header is the one of the timestamp and body, compared in constant time.</summary>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
