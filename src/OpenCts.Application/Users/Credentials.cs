using System.Security.Cryptography;
using System.Text;

namespace OpenCts.Application.Users;

/// <summary>Hashes and checks passwords and API keys.</summary>
/// <remarks>
/// Passwords: PBKDF2 with HMAC-SHA512, a random 16-byte salt and 100,000 iterations, as ASP.NET Core Identity's
/// hasher (v3) does, written as <c>pbkdf2-sha512$iterations$salt$hash</c> so the cost can be raised later.
/// API keys are <c>cts_ID_SECRET</c>: the id finds the account, only the SHA-256 of the secret is stored (a key has
/// 256 bits of entropy, so a slow hash adds nothing). Both are compared in fixed time.
/// </remarks>
public static class Credentials
{
    private const int Iterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Scheme = "pbkdf2-sha512";

    /// <summary>A hash of a password to store.</summary>
    public static string HashPassword(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Whether a password matches a stored hash; a malformed hash matches nothing.</summary>
    public static bool VerifyPassword(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || !string.Equals(parts[0], Scheme, StringComparison.Ordinal)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A dummy check with the same cost, so that an unknown name takes as long as a wrong password.</summary>
    public static void SpendPasswordTime(string password) => VerifyPassword(password, DummyHash.Value);

    private static readonly Lazy<string> DummyHash = new(() => HashPassword(Guid.NewGuid().ToString()));

    /// <summary>A new one-time password: 20 characters from an alphabet without look-alikes.</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    /// <summary>A new API key with its public id and the hash of its secret to store.</summary>
    public static (string Key, string Id, string SecretHash) NewApiKey()
    {
        var id = RandomNumberGenerator.GetHexString(12, lowercase: true);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"cts_{id}_{secret}", id, HashSecret(secret));
    }

    /// <summary>Splits an API key into its id and secret; false when it is not shaped like one.</summary>
    public static bool TryParseApiKey(string key, out string id, out string secret)
    {
        id = secret = "";
        var parts = key.Split('_', 3);
        if (parts.Length != 3 || !string.Equals(parts[0], "cts", StringComparison.Ordinal) || parts[1].Length != 12 || parts[2].Length == 0)
        {
            return false;
        }
        (id, secret) = (parts[1], parts[2]);
        return true;
    }

    /// <summary>Whether an API key's secret matches the stored hash, in fixed time.</summary>
    public static bool VerifySecret(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashSecret(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
