using System.Globalization;
using System.Text;
using CsCheck;
using OpenCts.Ingestion.Edifact;

namespace OpenCts.Ingestion.Tests.Edifact;

/// <summary>Numbers of digits and a point are read straight from the bytes exactly as the framework's parser reads them.</summary>
public sealed class PlainNumberTests
{
    private static readonly Gen<string> Numbers = Gen.OneOf(
        Gen.Char["0123456789"].Array[1, 21].Select(c => new string(c)),
        Gen.Select(Gen.Char["0123456789"].Array[0, 12], Gen.Char["0123456789"].Array[0, 12]).Select((a, b) => new string(a) + "." + new string(b)),
        Gen.Char["0123456789.+-, "].Array[1, 22].Select(c => new string(c)));

    [Fact]
    public void A_number_read_from_its_bytes_has_the_value_and_the_scale_the_framework_gives_it()
    {
        Numbers.Sample(text =>
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            if (!EdifactValues.TryParseDigits(bytes, out var fast))
            {
                return;
            }
            Assert.True(decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var framework), text);
            Assert.Equal(decimal.GetBits(framework), decimal.GetBits(fast));
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("12000.50", "12000.50")]
    [InlineData("0.000", "0.000")]
    [InlineData("007", "7")]
    [InlineData("999999999999999999", "999999999999999999")]
    public void Trailing_zeros_after_the_point_are_kept(string text, string shown)
    {
        Assert.True(EdifactValues.TryParseDigits(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(shown, value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1.2.3")]
    [InlineData("-1")]
    [InlineData("1,5")]
    [InlineData("1234567890123456789")]
    [InlineData("")]
    public void Any_other_form_is_left_to_the_framework(string text)
    {
        Assert.False(EdifactValues.TryParseDigits(Encoding.ASCII.GetBytes(text), out _));
    }
}
