using OpenCts.Commerce.Entities;

namespace OpenCts.Commerce.Tests.Entities;

public sealed class AddressNormaliserTests
{
    private static NormalisedAddress A(string street, string? city = "Amsterdam", string? postcode = "1012 AB", string country = "NL") =>
        AddressNormaliser.Normalise(street, city, postcode, country);

    [Theory]
    [InlineData("12 Baker Street", "12 Baker St.")]
    [InlineData("12 Baker Street", "12 BAKER ST")]
    [InlineData("12 Baker Street", "Baker Street 12")]
    [InlineData("12 Baker Street, Apt 4", "12 Baker St #4")]
    [InlineData("12 Baker Street, Apartment 4", "12 Baker St Unit 7")]
    [InlineData("12 Mill Road", "12 Mill Rd")]
    [InlineData("12 Fifth Avenue", "12 Fifth Ave")]
    [InlineData("Hauptstraße 5", "Hauptstr. 5")]
    [InlineData("Hauptstrasse 5", "HAUPTSTR 5")]
    [InlineData("Berliner Straße 5", "Berliner Str. 5")]
    [InlineData("Kalverstraat No. 12", "Kalverstraat Nr 12")]
    [InlineData("Kalverstraat 12a", "Kalverstraat 12 A")]
    [InlineData("Rue de l'Église 3", "RUE DE LEGLISE 3")]
    public void Spellings_of_one_building_share_a_key(string a, string b) => Assert.Equal(A(a).Key, A(b).Key);

    [Theory]
    [InlineData("12 Baker Street", "14 Baker Street")]
    [InlineData("12 Baker Street", "12 Baker Road")]
    [InlineData("Kalverstraat 12a", "Kalverstraat 12b")]
    public void Different_buildings_have_different_keys(string a, string b) => Assert.NotEqual(A(a).Key, A(b).Key);

    [Fact]
    public void The_parts_are_picked_out()
    {
        var address = A("Flat 4, 221B Baker Street", "London", "nw1 6xe", "GB");
        Assert.Equal(("BAKER ST", "221B", "4", "NW16XE", "LONDON", "GB"), (address.Street, address.HouseNumber, address.Unit, address.Postcode, address.City, address.Country));
        Assert.Equal("P|GB|NW16XE|221B|BAKER ST", address.Key);
        Assert.Equal("NW16XE 221B", address.Display);
    }

    [Fact]
    public void An_ordinal_street_name_is_not_taken_for_a_flat()
    {
        var address = A("350 5th Avenue", "New York", "10118", "US");
        Assert.Equal(("5TH AVE", "350", ""), (address.Street, address.HouseNumber, address.Unit));
    }

    [Theory]
    [InlineData("1012 AB", "1012ab")]
    [InlineData("SW1A 1AA", "sw1a1aa")]
    [InlineData("75-001", "75001")]
    public void Postcodes_lose_spaces_hyphens_and_case(string a, string b) =>
        Assert.Equal(AddressNormaliser.Postcode(a), AddressNormaliser.Postcode(b));

    [Fact]
    public void A_US_zip_plus_four_keeps_the_five_digit_zip() => Assert.Equal("10118", AddressNormaliser.Postcode("10118-0110", "US"));

    [Fact]
    public void Without_a_postcode_the_key_is_made_of_city_street_and_number()
    {
        var address = A("Kalverstraat 12", "Amsterdam", null);
        Assert.Equal("C|NL|AMSTERDAM|KALVERSTRAAT|12", address.Key);
        Assert.Equal(address.Key, A("Kalverstraat 12", "AMSTERDAM", "1012AB").CityKey);
    }

    [Fact]
    public void An_address_without_street_or_postcode_has_no_key() => Assert.Null(AddressNormaliser.Normalise(null, "Amsterdam", null, "NL").Key);
}
