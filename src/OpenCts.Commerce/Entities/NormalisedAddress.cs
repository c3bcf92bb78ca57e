namespace OpenCts.Commerce.Entities;

/// <summary>A postal address reduced to the parts that identify a building: street core, house number, postcode, city, country.</summary>
/// <param name="Street">The street's words with abbreviations made one (<c>BAKER ST</c>, <c>HAUPTSTR</c>), without the house number or unit.</param>
/// <param name="HouseNumber">The house number, such as <c>12</c> or <c>12A</c>; empty when none was written.</param>
/// <param name="Unit">The flat, apartment or unit, such as <c>4</c>; empty when none. Not part of the keys: flats share a building.</param>
/// <param name="Postcode">Upper case without spaces or hyphens (<c>1012AB</c>, <c>SW1A1AA</c>); empty when none.</param>
/// <param name="City">The folded city name; empty when none.</param>
/// <param name="Country">The ISO 3166-1 alpha-2 code; empty when unknown.</param>
public readonly record struct NormalisedAddress(string Street, string HouseNumber, string Unit, string Postcode, string City, string Country)
{
    /// <summary>
    /// The key that names the building: postcode, house number and street core when there is a postcode, else city,
    /// street and number; null when there is neither a street nor a postcode with a number.
    /// </summary>
    public string? Key => Postcode.Length > 0
        ? (Street.Length > 0 || HouseNumber.Length > 0 ? $"P|{Country}|{Postcode}|{HouseNumber}|{Street}" : null)
        : CityKey;

    /// <summary>The key from city, street and number, which a record with a postcode and one without can share; null without a city or street.</summary>
    public string? CityKey => City.Length > 0 && Street.Length > 0 ? $"C|{Country}|{City}|{Street}|{HouseNumber}" : null;

    /// <summary>How an officer reads the building: <c>1012AB 12</c>, or <c>AMSTERDAM KALVERSTRAAT 12</c> without a postcode.</summary>
    public string Display => Postcode.Length > 0
        ? string.Join(' ', new[] { Postcode, HouseNumber }.Where(p => p.Length > 0))
        : string.Join(' ', new[] { City, Street, HouseNumber }.Where(p => p.Length > 0));

    /// <summary>The full normalised address, for the entity page.</summary>
    public override string ToString() =>
        string.Join(", ", new[] { string.Join(' ', new[] { Street, HouseNumber }.Where(p => p.Length > 0)), Unit.Length > 0 ? "APT " + Unit : "", Postcode, City, Country }.Where(p => p.Length > 0));
}
