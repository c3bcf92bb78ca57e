using System.Globalization;
using System.Text;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Ingestion.Samples.Ecommerce;

/// <summary>
/// Writes a buyer's name, address, phone and e-mail as they appear on a parcel label: in the buyer's usual form, or in
/// one of the forms a receiver who splits orders uses to look like several people.
/// </summary>
internal static class LabelVariants
{
    private static readonly CountryCode Netherlands = CountryCode.Parse("NL");

    /// <summary>The buyer as the platform account holds them: always the same, as a repeat buyer's labels are.</summary>
    public static Party Canonical(Buyer buyer, PartyRole role) =>
        new(role, $"{buyer.First} {buyer.Last}", new Address(Street(buyer.Home), buyer.Home.City, Postcode(buyer.Home), Netherlands), Netherlands, phone: $"+31 6 {buyer.Mobile}", email: $"{buyer.EmailLocal}@{buyer.EmailDomain}");

    /// <summary>The buyer written differently in each part with probability <paramref name="vary"/>, sometimes at the second address.</summary>
    public static Party Varied(Buyer buyer, PartyRole role, SampleRandom random, double vary)
    {
        var home = buyer.SecondHome is { } second && random.Chance(0.3) ? second : buyer.Home;
        var name = random.Chance(vary) ? NameVariant(buyer, random) : $"{buyer.First} {buyer.Last}";
        var street = random.Chance(vary) ? StreetVariant(home, random) : Street(home);
        var postcode = random.Chance(vary) ? PostcodeVariant(home, random) : Postcode(home);
        var city = random.Chance(vary / 3) ? (random.Chance(0.5) ? home.City.ToUpperInvariant() : home.City.ToLowerInvariant()) : home.City;
        var phone = random.Chance(vary) ? PhoneVariant(buyer.Mobile, random) : $"+31 6 {buyer.Mobile}";
        var email = random.Chance(vary) ? EmailVariant(buyer, random) : $"{buyer.EmailLocal}@{buyer.EmailDomain}";
        return new Party(role, name, new Address(street, city, postcode, Netherlands), Netherlands, phone: phone, email: email);
    }

    /// <summary>The text with diacritics dropped and letters without a decomposition spelt in ASCII (ø as o, ł as l, ı as i, ß as ss).</summary>
    /// <remarks>An explicit table rather than Unicode decomposition: OpenCTS runs with invariant globalization, and the stream must not depend on the platform.</remarks>
    public static string Transliterate(string text)
    {
        var ascii = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var at = Accented.IndexOf(c, StringComparison.Ordinal);
            ascii.Append(at < 0 ? c.ToString() : Plain[at]);
        }
        return ascii.ToString();
    }

    private const string Accented = "àáâãäåçèéêëìíîïıñòóôõöøùúûüýÿšžčřćłńśźżğşőűÀÁÂÃÄÅÇÈÉÊËÌÍÎÏİÑÒÓÔÕÖØÙÚÛÜÝŠŽČŘĆŁŃŚŹŻĞŞŐŰß";

    private static readonly string[] Plain = [
        "a", "a", "a", "a", "a", "a", "c", "e", "e", "e", "e", "i", "i", "i", "i", "i", "n", "o", "o", "o", "o", "o", "o", "u", "u", "u", "u", "y", "y", "s", "z", "c", "r", "c", "l", "n", "s", "z", "z", "g", "s", "o", "u",
        "A", "A", "A", "A", "A", "A", "C", "E", "E", "E", "E", "I", "I", "I", "I", "I", "N", "O", "O", "O", "O", "O", "O", "U", "U", "U", "U", "Y", "S", "Z", "C", "R", "C", "L", "N", "S", "Z", "Z", "G", "S", "O", "U", "ss",
    ];

    private static string Street(HomeAddress home) =>
        $"{home.Street} {home.Number}{home.Suffix}" + (home.Apartment is { } apartment ? $", Apt {apartment}" : "");

    private static string Postcode(HomeAddress home) => $"{home.PostcodeDigits} {home.PostcodeLetters}";

    private static string NameVariant(Buyer buyer, SampleRandom random) => random.Next(8) switch
    {
        0 => $"{buyer.Last}, {buyer.First}",
        1 => $"{buyer.First[0]}. {buyer.Last}",
        2 => $"{buyer.First} {Typo(buyer.Last, random)}",
        3 => $"{buyer.Title} {buyer.First} {buyer.Last}",
        4 => Transliterate(buyer.First + " " + buyer.Last) is var plain && plain != buyer.First + " " + buyer.Last
            ? (random.Chance(0.5) ? plain : Germanic(buyer.First + " " + buyer.Last))
            : $"{buyer.First} {buyer.Last}".ToUpperInvariant(),
        5 => $"{buyer.First} {buyer.Last}".ToUpperInvariant(),
        6 => $"{buyer.Last} {buyer.First}",
        _ => $"{Typo(buyer.First, random)} {buyer.Last}",
    };

    private static string StreetVariant(HomeAddress home, SampleRandom random)
    {
        var street = random.Next(4) switch
        {
            0 => Abbreviate(home.Street),
            1 => home.Street.ToUpperInvariant(),
            2 => Abbreviate(home.Street).ToLowerInvariant(),
            _ => home.Street,
        };
        var number = home.Suffix is { } suffix
            ? random.Next(4) switch
            {
                0 => $"{home.Number} {suffix}",
                1 => $"{home.Number}-{suffix}",
                2 => $"{home.Number}{char.ToLowerInvariant(suffix)}",
                _ => $"{home.Number}{suffix}",
            }
            : random.Chance(0.3) ? $"nr. {home.Number}" : home.Number.ToString(CultureInfo.InvariantCulture);
        var apartment = home.Apartment is { } a
            ? random.Next(4) switch
            {
                0 => $" #{a}",
                1 => $" apt. {a}",
                2 => $"-{a}",
                _ => $", Apt {a}",
            }
            : "";
        return $"{street} {number}{apartment}";
    }

    /// <summary>Dutch street names shortened the way labels shorten them: Kerkstraat as Kerkstr., Julianalaan as Julianaln.</summary>
    private static string Abbreviate(string street)
    {
        foreach (var (ending, shortened) in (ReadOnlySpan<(string, string)>)[("straat", "str."), ("laan", "ln."), ("weg", "wg."), ("plein", "pl."), ("gracht", "gr.")])
        {
            if (street.EndsWith(ending, StringComparison.Ordinal))
            {
                return street[..^ending.Length] + shortened;
            }
        }
        return street;
    }

    private static string PostcodeVariant(HomeAddress home, SampleRandom random) => random.Next(3) switch
    {
        0 => $"{home.PostcodeDigits}{home.PostcodeLetters}",
        1 => $"{home.PostcodeDigits} {home.PostcodeLetters.ToLowerInvariant()}",
        _ => $"{home.PostcodeDigits}{home.PostcodeLetters.ToLowerInvariant()}",
    };

    private static string PhoneVariant(string mobile, SampleRandom random) => random.Next(7) switch
    {
        0 => $"+316{mobile}",
        1 => $"06{mobile}",
        2 => $"06-{mobile}",
        3 => $"06 {mobile[..4]} {mobile[4..]}",
        4 => $"0031 6 {mobile}",
        5 => $"+31 (0)6 {mobile}",
        _ => $"+31-6-{mobile[..4]}-{mobile[4..]}",
    };

    private static string EmailVariant(Buyer buyer, SampleRandom random)
    {
        var local = buyer.EmailLocal;
        var gmail = buyer.EmailDomain == "gmail.com";
        return random.Next(gmail ? 5 : 2) switch
        {
            0 => $"{local}+{random.Pick(EcommerceCatalogue.EmailTags)}@{buyer.EmailDomain}",
            1 => $"{char.ToUpperInvariant(local[0])}{local[1..]}@{buyer.EmailDomain.ToUpperInvariant()}",
            2 => $"{local.Replace(".", "", StringComparison.Ordinal)}@gmail.com",
            3 => $"{Dotted(local.Replace(".", "", StringComparison.Ordinal), random)}@gmail.com",
            _ => $"{local}@googlemail.com",
        };
    }

    private static string Dotted(string local, SampleRandom random)
    {
        var at = 1 + random.Next(Math.Max(1, local.Length - 2));
        return local[..at] + "." + local[at..];
    }

    private static string Germanic(string text) =>
        Transliterate(text.Replace("ü", "ue", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal).Replace("ä", "ae", StringComparison.Ordinal)
            .Replace("Ü", "Ue", StringComparison.Ordinal).Replace("Ö", "Oe", StringComparison.Ordinal));

    private static string Typo(string word, SampleRandom random)
    {
        if (word.Length < 4)
        {
            return word + word[^1];
        }
        var i = 1 + random.Next(word.Length - 2);
        return random.Next(3) switch
        {
            0 => word[..i] + word[(i + 1)..],
            1 => word[..i] + word[i + 1] + word[i] + word[(i + 2)..],
            _ => word[..i] + word[i] + word[i..],
        };
    }
}
