using CsCheck;
using OpenCts.Domain.Common;
using OpenCts.Domain.Values;

using OpenCts.Tests.Shared;

namespace OpenCts.Domain.Tests.Values;

public class IdentifierTests
{
    [Theory]
    [InlineData("9074729", "9074729")]
    [InlineData("IMO 9074729", "9074729")]
    [InlineData("IMO9321483", "9321483")]
    public void ImoNumbersWithAValidCheckDigitAreAcceptedAsTheirSevenDigits(string text, string expected) =>
        Assert.Equal(expected, ImoNumber.Parse(text).Value);

    [Fact]
    public void AnImoNumberWithAWrongCheckDigitNamesTheExpectedDigit()
    {
        var error = Assert.Throws<DomainException>(() => ImoNumber.Parse("9074728", "conveyance.imo"));
        Assert.Equal("conveyance.imo: IMO number '9074728' fails its check digit (expected 9)", error.Message);
    }

    [Fact]
    public void TheOneCheckDigitThatCompletesAnImoNumberIsItsWeightedSum()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var six = random.Next(0, 999_999).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
            // The IMO rule, written out here: digits weighted 7 down to 2, the sum's last digit.
            var expected = six.Select((c, at) => (c - '0') * (7 - at)).Sum() % 10;
            Assert.Equal([expected], Enumerable.Range(0, 10).Where(d => ImoNumber.TryParse(six + d, out _, out _)));
        }
    }

    [Theory]
    [InlineData("851713", "851713")]
    [InlineData("8517.13.00", "85171300")]
    [InlineData("0803 90 10 00", "0803901000")]
    public void HsCodesKeepTheirDigitsOnly(string text, string expected)
    {
        var hs = HsCode.Parse(text);
        Assert.Equal(expected, hs.Value);
        Assert.Equal(expected[..4], hs.Heading);
        Assert.Equal(expected[..6], hs.Subheading);
    }

    [Theory]
    [InlineData("8517", "must have 6 to 10 digits")]
    [InlineData("85171300001", "must have 6 to 10 digits")]
    [InlineData("85A713", "must have 6 to 10 digits")]
    [InlineData("770000", "names chapter 77")]
    public void MalformedHsCodesAreRejected(string text, string expected)
    {
        Assert.False(HsCode.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NLRTM", "NLRTM", "NL")]
    [InlineData("nl rtm", "NLRTM", "NL")]
    [InlineData("CNSHA", "CNSHA", "CN")]
    [InlineData("US2Y9", "US2Y9", "US")]
    public void UnLocodesAreAcceptedWithTheirCountry(string text, string expected, string country)
    {
        var code = UnLocode.Parse(text);
        Assert.Equal(expected, code.Value);
        Assert.Equal(country, code.Country.Value);
    }

    [Theory]
    [InlineData("QQRTM", "not an ISO 3166-1 country code")]
    [InlineData("NLRT1", "only letters and digits 2-9")]
    [InlineData("NLRT", "must have 5 characters")]
    public void MalformedUnLocodesSayWhatIsWrong(string text, string expected)
    {
        Assert.False(UnLocode.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void CountryAndCurrencyCodesAreCheckedAgainstTheIsoLists()
    {
        Assert.Equal("NL", CountryCode.Parse("nl").Value);
        Assert.False(CountryCode.TryParse("XX", out _, out _));
        Assert.Equal("EUR", CurrencyCode.Parse("eur").Value);
        Assert.False(CurrencyCode.TryParse("EUX", out _, out _));
    }

    [Fact]
    public void HsCodeParsingNeverThrowsAnythingButItsOwnError()
    {
        Gen.String.Sample(text =>
        {
            if (!HsCode.TryParse(text, out var hs, out var error))
            {
                Assert.NotEmpty(error);
                Assert.Throws<DomainException>(() => HsCode.Parse(text));
            }
            else
            {
                Assert.InRange(hs!.Value.Value.Length, 6, 10);
            }
        });
    }
    [Theory]
    [InlineData("9074729")]
    [InlineData(" IMO 9074729 ")]
    [InlineData("imo9321483")]
    [InlineData("9074728")]
    [InlineData("907472")]
    [InlineData("90747290")]
    [InlineData("MAERSK")]
    [InlineData("907 4729")]
    [InlineData("")]
    [InlineData(null)]
    public void Trying_an_identifier_as_an_imo_number_without_asking_why_gives_the_same_answer_as_with(string? text)
    {
        var withReason = ImoNumber.TryParse(text, out var expected, out _);
        Assert.Equal(withReason, ImoNumber.TryParse(text, out var actual));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_place_and_a_parsed_code_of_the_same_country_are_the_same_country()
    {
        var place = UnLocode.Parse("nlrtm");
        Assert.Equal(CountryCode.Parse(" nl "), place.Country);
        Assert.Equal("NL", place.Country.Value);
        Assert.Throws<DomainException>(() => CountryCode.Parse("QQ"));
    }
}
