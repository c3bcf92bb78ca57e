using System.Globalization;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Ingestion.Samples.Ecommerce;

/// <summary>A firm abroad that sells on a platform and ships parcels into the Netherlands.</summary>
/// <remarks>Id is the ground-truth firm id (<c>F-0123</c>); Airport the UN/LOCODE its parcels leave from; PlatformId its seller id on the platform.</remarks>
internal sealed record Seller(string Id, string Name, string Country, Address Address, string Phone, string Email, string Platform, string PlatformId, string Airport)
{
    public Party AsParty(PartyRole role, bool withPlatformId) =>
        new(role, Name, Address, Address.Country, withPlatformId ? [new PartyIdentifier("PLATFORM", PlatformId)] : default, Phone, Email);
}

/// <summary>Makes up the sellers of a stream: a fixed few hundred firms, most of them in China and Hong Kong.</summary>
internal static class Sellers
{
    public const int Count = 400;
    private const ulong FirmStream = 0x4649_524D;

    public static Seller[] All(int seed)
    {
        var sellers = new Seller[Count];
        for (var f = 0; f < Count; f++)
        {
            sellers[f] = Make(seed, f);
        }
        return sellers;
    }

    private static Seller Make(int seed, int number)
    {
        var random = SampleRandom.For(seed, FirmStream, number);
        var roll = random.NextDouble();
        var (country, _, airports) = EcommerceCatalogue.SellerCountries[^1];
        foreach (var entry in EcommerceCatalogue.SellerCountries)
        {
            if ((roll -= entry.Share) < 0)
            {
                (country, _, airports) = entry;
                break;
            }
        }
        var word = random.Pick(EcommerceCatalogue.SellerWords);
        var trade = random.Pick(EcommerceCatalogue.SellerTrades);
        var (city, dial) = Place(country, random);
        var name = country == "CN"
            ? $"{city} {word} {trade} Co., Ltd"
            : $"{word} {trade} {random.Pick(EcommerceCatalogue.SellerForms)}";
        var domain = $"{word}{trade}".Replace(" ", "", StringComparison.Ordinal).Replace("&", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        var address = new Address($"No. {random.Next(1, 900)} {random.Pick(EcommerceCatalogue.SellerWords)} Road", city, random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture), CountryCode.Parse(country));
        return new Seller(
            $"F-{number:0000}",
            name,
            country,
            address,
            $"+{dial} {random.Next(100_000_000, 999_999_999)}",
            // A domain is one firm's: two sellers of the same words still write from different ones.
            $"sales@{domain}{number}.com",
            EcommerceCatalogue.Platforms[number % EcommerceCatalogue.Platforms.Length],
            $"S{number:000000}",
            random.Pick(airports));
    }

    private static (string City, string Dial) Place(string country, SampleRandom random) => country switch
    {
        "CN" => (random.Pick(EcommerceCatalogue.SellerPlaces), "86"),
        "HK" => ("Hong Kong", "852"),
        "TR" => ("Istanbul", "90"),
        "VN" => ("Ho Chi Minh City", "84"),
        "KR" => ("Seoul", "82"),
        "US" => (random.Chance(0.5) ? "Los Angeles" : "New York", "1"),
        "GB" => ("London", "44"),
        "FR" => ("Paris", "33"),
        "IT" => ("Milan", "39"),
        "JP" => ("Osaka", "81"),
        "CH" => ("Geneva", "41"),
        _ => ("Jakarta", "62"),
    };
}
