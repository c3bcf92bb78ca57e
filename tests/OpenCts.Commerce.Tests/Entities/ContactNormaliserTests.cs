using OpenCts.Commerce.Entities;

namespace OpenCts.Commerce.Tests.Entities;

public sealed class ContactNormaliserTests
{
    [Theory]
    [InlineData("07700 900123", "GB", "+447700900123")]
    [InlineData("+44 7700 900123", "NL", "+447700900123")]
    [InlineData("0044 (0)7700-900123", "GB", "+4407700900123")]
    [InlineData("06-12345678", "NL", "+31612345678")]
    [InlineData("030 1234567", "DE", "+49301234567")]
    [InlineData("(212) 555-0182", "US", "+12125550182")]
    [InlineData("1 212 555 0182", "US", "+12125550182")]
    [InlineData("011 44 7700 900123", "US", "+447700900123")]
    [InlineData("06 1234 5678", "IT", "+390612345678")]
    [InlineData("8 (495) 123-45-67", "RU", "+74951234567")]
    [InlineData("+86 138 0013 8000 ext. 12", null, "+8613800138000")]
    public void Phones_become_E164(string raw, string? country, string e164) => Assert.Equal(e164, PhoneNormaliser.Normalise(raw, country));

    [Theory]
    [InlineData("12345", "GB")]
    [InlineData("0000000000", "GB")]
    [InlineData("+44 1111111111", "GB")]
    [InlineData("07700 900123", null)]
    [InlineData("n/a", "GB")]
    public void Phones_that_identify_nobody_are_null(string raw, string? country) => Assert.Null(PhoneNormaliser.Normalise(raw, country));

    [Theory]
    [InlineData("J.Smith@Gmail.com", "jsmith@gmail.com")]
    [InlineData("jsmith+shop@googlemail.com", "jsmith@gmail.com")]
    [InlineData("j.s.m.i.t.h+x+y@gmail.com", "jsmith@gmail.com")]
    [InlineData("Jane.Doe+amazon@outlook.com", "jane.doe@outlook.com")]
    [InlineData("jane+1@hotmail.co.uk", "jane@hotmail.co.uk")]
    [InlineData("jane-aliexpress@yahoo.com", "jane@yahoo.com")]
    [InlineData(" <Shop@Example.COM> ", "shop@example.com")]
    [InlineData("first.last+tag@example.com", "first.last+tag@example.com")]
    public void E_mails_become_the_mailbox_that_receives_them(string raw, string canonical) =>
        Assert.Equal(canonical, EmailNormaliser.Normalise(raw));

    [Theory]
    [InlineData("not an address")]
    [InlineData("@gmail.com")]
    [InlineData("+tag@gmail.com")]
    public void Text_that_is_not_an_address_is_null(string raw) => Assert.Null(EmailNormaliser.Normalise(raw));

    [Theory]
    [InlineData("eori", "gb 123-456.789 000", "EORI:GB123456789000")]
    [InlineData("TIN", "de123456789", "TIN:DE123456789")]
    public void Identifiers_keep_scheme_letters_and_digits(string scheme, string value, string key) =>
        Assert.Equal(key, IdentifierNormaliser.Normalise(scheme, value));

    [Fact]
    public void An_identifier_without_letters_or_digits_is_null() => Assert.Null(IdentifierNormaliser.Normalise("EORI", " - "));
}
