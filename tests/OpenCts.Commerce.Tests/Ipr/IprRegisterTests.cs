using OpenCts.Commerce.Ipr;
using OpenCts.Tests.Shared;

namespace OpenCts.Commerce.Tests.Ipr;

public sealed class IprRegisterTests
{
    private static readonly IprRegister Register = IprRegister.Load(RepositoryData.PathOf("commerce", "ipr-register.json"));

    [Fact]
    public void The_default_register_holds_the_six_fictitious_brands_the_sample_generator_plants()
    {
        Assert.Equal(["Lumora", "Vantek", "Solenne", "Kairo", "Nordhaven", "Zephyra"], Register.Brands.Select(b => b.Name));
        var lumora = Register.Brands[0];
        Assert.Equal(["9102"], lumora.Headings);
        Assert.Equal(["CH"], lumora.Origins);
        Assert.Equal(150, lumora.PriceFloor);
        Assert.Equal(["6404", "6403"], Register.Brands[3].Headings);
        Assert.Equal("EUR", Register.Currency?.Value);
    }

    [Theory]
    [InlineData("Lumora automatic watch", "Lumora", IprMatchKind.Name)]
    [InlineData("LUMORA WATCH", "Lumora", IprMatchKind.Name)]
    [InlineData("Lum0ra chronograph", "Lumora", IprMatchKind.LookAlike)]
    [InlineData("men watch Lumorra steel", "Lumora", IprMatchKind.LookAlike)]
    [InlineData("Lum\u043Era watch", "Lumora", IprMatchKind.LookAlike)]
    [InlineData("Vant3k earbuds", "Vantek", IprMatchKind.LookAlike)]
    [InlineData("Vantek Pro wireless headphones", "Vantek", IprMatchKind.Name)]
    [InlineData("Z3phyra smartphone 256GB", "Zephyra", IprMatchKind.LookAlike)]
    [InlineData("Solene leather handbag", "Solenne", IprMatchKind.LookAlike)]
    [InlineData("Kiaro running sneakers", "Kairo", IprMatchKind.LookAlike)]
    [InlineData("Kairo-style sneakers", "Kairo", IprMatchKind.Name)]
    [InlineData("Nord Haven eau de parfum", "Nordhaven", IprMatchKind.Variant)]
    [InlineData("NORDHAVEN perfume 100ml", "Nordhaven", IprMatchKind.Name)]
    [InlineData("Vantekx earphones", "Vantek", IprMatchKind.NearSpelling)]
    [InlineData("Zephyrra phone", "Zephyra", IprMatchKind.NearSpelling)]
    [InlineData("Solenné tote bag", "Solenne", IprMatchKind.LookAlike)]
    public void A_brand_is_found_by_its_name_a_variant_a_look_alike_or_a_near_spelling(string description, string brand, IprMatchKind kind)
    {
        var match = Register.Match(description, null, null, double.NaN);

        Assert.NotNull(match);
        Assert.Equal(brand, match.Brand);
        Assert.Equal(kind, match.Kind);
    }

    [Theory]
    [InlineData("solenoid valve 12V")]
    [InlineData("nordic style sweater")]
    [InlineData("luminous watch dial")]
    [InlineData("zephyr ceiling fan")]
    [InlineData("kairos book")]
    [InlineData("vantage point tripod")]
    [InlineData("Cairo souvenir")]
    [InlineData("lumen LED lamp 150")]
    [InlineData("solemn candle")]
    [InlineData("wireless earbuds")]
    [InlineData("")]
    public void Ordinary_words_near_a_brand_do_not_match_it(string description)
    {
        Assert.Null(Register.Match(description, "CN", null, 5));
    }

    [Fact]
    public void No_line_of_the_HS_nomenclature_names_a_brand()
    {
        // 6,800 lines of ordinary goods words: the near-spelling search must find none of them a brand.
        var hits = Classification.Nomenclature.Training.Select(l => Register.Match(l.Description, null, null, double.NaN)).OfType<IprMatch>().ToList();

        Assert.Empty(hits);
    }

    [Fact]
    public void A_genuine_line_is_not_suspect()
    {
        var match = Register.Match("Lumora automatic watch", "CH", "Lumora Horlogerie SA", 900)!;

        Assert.False(match.Suspect);
        Assert.Empty(match.Reasons);
    }

    [Fact]
    public void A_line_below_the_floor_from_an_origin_and_a_maker_the_brand_does_not_authorise_is_suspect_with_each_reason()
    {
        var match = Register.Match("Lum0ra watch", "cn", "Shenzhen Timely Trading Co.", 12.5)!;

        Assert.True(match.Suspect);
        Assert.Equal(
            [
                "declared at 12.5 a unit, below the Lumora price floor of 150",
                "origin CN is not one Lumora ships genuine goods from (CH)",
                "manufacturer 'Shenzhen Timely Trading Co.' is not one Lumora authorises",
            ],
            match.Reasons);
    }

    [Fact]
    public void A_manufacturer_is_compared_without_case_or_punctuation_and_an_unknown_origin_is_no_reason()
    {
        var match = Register.Match("Zephyra smartphone", null, "ZEPHYRA ELECTRONICS CO LTD", 650)!;

        Assert.False(match.Suspect);
    }

    [Fact]
    public void A_negative_price_floor_is_refused_with_its_line_and_field()
    {
        var json = "{\n \"brands\": [\n  {\n   \"name\": \"Lumora\",\n   \"priceFloor\": -1\n  }\n ]\n}";

        var error = Assert.Throws<CommerceFileException>(() => IprRegister.Parse(json));

        Assert.Equal("ipr-register.json:5: $.brands[0].priceFloor: -1 is out of range; it must be from 0 to 1000000000", error.Message);
    }

    [Fact]
    public void A_spelling_that_names_two_brands_is_refused()
    {
        var json = "{\"brands\": [\n{\"name\": \"Lumora\", \"priceFloor\": 1},\n{\"name\": \"Vantek\", \"lookAlikes\": [\"Lum0ra\"], \"priceFloor\": 1}]}";

        var error = Assert.Throws<CommerceFileException>(() => IprRegister.Parse(json));

        Assert.Equal("ipr-register.json:3: $.brands[1].lookAlikes: 'Lum0ra' already names Lumora", error.Message);
    }

    [Fact]
    public void A_heading_that_is_not_four_digits_and_an_unknown_origin_are_refused_at_their_place()
    {
        var heading = Assert.Throws<CommerceFileException>(() => IprRegister.Parse("{\"brands\": [{\"name\": \"A\", \"headings\": [\"91\"], \"priceFloor\": 1}]}"));
        var origin = Assert.Throws<CommerceFileException>(() => IprRegister.Parse("{\"brands\": [{\"name\": \"A\", \"origins\": [\"XX\"], \"priceFloor\": 1}]}"));
        var missing = Assert.Throws<CommerceFileException>(() => IprRegister.Parse("{\"register\": \"x\"}"));

        Assert.Equal("ipr-register.json:1: $.brands[0].headings[0]: '91' is not an HS heading of 4 digits", heading.Message);
        Assert.Equal("ipr-register.json:1: $.brands[0].origins[0]: country 'XX' is not an ISO 3166-1 alpha-2 code", origin.Message);
        Assert.Equal("ipr-register.json:1: $.brands: missing or not an array of brands", missing.Message);
    }
}
