using System.Globalization;
using System.Text;

namespace OpenCts.Ingestion.Samples.Ecommerce;

/// <summary>A home address in the Netherlands, in parts, so that each part can be written the ways people write it.</summary>
internal sealed record HomeAddress(string Street, int Number, char? Suffix, int? Apartment, int PostcodeDigits, string PostcodeLetters, string City);

/// <summary>One real buyer behind the parcels addressed to them.</summary>
/// <remarks>Id is the ground-truth person id: <c>P-0000123</c> for an ordinary buyer, <c>P-R00012</c> for a splitting ring's receiver.</remarks>
internal sealed record Buyer(string Id, string First, string Last, string Title, HomeAddress Home, HomeAddress? SecondHome, string Mobile, string EmailLocal, string EmailDomain);

/// <summary>Makes up buyers from their numbers: the same number under the same seed is always the same person.</summary>
internal static class Buyers
{
    private const ulong PersonStream = 0x5045_5253;
    private const ulong SurnameStream = 0x5355_524E;
    private const ulong AddressStream = 0x4144_4452;
    private const ulong RingStream = 0x5249_4E47;

    /// <summary>Ordinary buyer <paramref name="number"/>; a share of them live with the buyer before them, and half of those share the surname.</summary>
    public static Buyer Ordinary(int seed, long number, double sharedAddressShare)
    {
        var random = SampleRandom.For(seed, PersonStream, number);
        var household = number > 0 && random.Chance(sharedAddressShare);
        var owner = household ? number - 1 : number;
        var last = Surname(seed, household && random.Chance(0.5) ? owner : number);
        var home = Address(SampleRandom.For(seed, AddressStream, owner));
        return Make($"P-{number:0000000}", random, last, home, null);
    }

    /// <summary>The receiver of splitting ring <paramref name="ring"/>: one person, half of them with a second address.</summary>
    public static Buyer RingReceiver(int seed, int ring)
    {
        var random = SampleRandom.For(seed, RingStream, ring);
        var last = random.Pick(EcommerceCatalogue.LastNames);
        var home = Address(random);
        var second = random.Chance(0.5) ? Address(random) : null;
        var buyer = Make($"P-R{ring:00000}", random, last, home, second);
        // Gmail ignores dots and +tags, the variants that matter most; most receivers use it.
        return random.Chance(0.8) ? buyer with { EmailDomain = "gmail.com" } : buyer;
    }

    private static Buyer Make(string id, SampleRandom random, string last, HomeAddress home, HomeAddress? second)
    {
        var first = random.Pick(EcommerceCatalogue.FirstNames);
        var title = random.Pick(EcommerceCatalogue.Titles);
        var mobile = random.Next(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
        var plainFirst = LabelVariants.Transliterate(first).ToLowerInvariant();
        var plainLast = LabelVariants.Transliterate(last).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        // A mailbox is one person's: namesakes get the number the provider gave them, here taken from the buyer's id.
        var digits = long.Parse(string.Concat(id.Where(char.IsAsciiDigit)), CultureInfo.InvariantCulture) + (id.Contains('R', StringComparison.Ordinal) ? 10_000_000 : 0);
        var local = random.Next(4) switch
        {
            0 => $"{plainFirst}.{plainLast}{digits}",
            1 => $"{plainFirst}{plainLast}{digits}",
            2 => $"{plainFirst[0]}.{plainLast}{digits}",
            _ => $"{plainFirst}.{plainLast}.{digits}",
        };
        return new Buyer(id, first, last, title, home, second, mobile, local, random.Pick(EcommerceCatalogue.EmailDomains));
    }

    private static string Surname(int seed, long number) => SampleRandom.For(seed, SurnameStream, number).Pick(EcommerceCatalogue.LastNames);

    private static HomeAddress Address(SampleRandom random)
    {
        var (city, from, to) = random.Pick(EcommerceCatalogue.Cities);
        var letters = new StringBuilder(2).Append((char)('A' + random.Next(26))).Append((char)('A' + random.Next(26))).ToString();
        return new HomeAddress(
            random.Pick(EcommerceCatalogue.Streets),
            random.Next(1, 250),
            random.Chance(0.25) ? (char)('A' + random.Next(4)) : null,
            random.Chance(0.2) ? random.Next(1, 40) : null,
            random.Next(from, to + 1),
            letters,
            city);
    }
}
