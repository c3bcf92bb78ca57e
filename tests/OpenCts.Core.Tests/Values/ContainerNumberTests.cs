using OpenCts.Domain.Common;
using OpenCts.Domain.Values;

namespace OpenCts.Core.Tests.Values;

public class ContainerNumberTests
{
    [Theory]
    [InlineData("CSQU3054383")]
    [InlineData("MSKU9070323")]
    [InlineData("TGHU 876543 6")]
    [InlineData("msku907032-3")]
    public void ValidIso6346NumbersAreAcceptedAndNormalised(string text)
    {
        var number = ContainerNumber.Parse(text);
        Assert.Equal(11, number.Value.Length);
        Assert.DoesNotContain(' ', number.Value);
        Assert.Equal(number.Value.ToUpperInvariant(), number.Value);
    }

    [Fact]
    public void AWrongCheckDigitIsRejectedWithTheExpectedDigit()
    {
        var error = Assert.Throws<DomainException>(() => ContainerNumber.Parse("CSQU3054384", "equipment[0].containerNumber"));
        Assert.Equal("equipment[0].containerNumber: container number 'CSQU3054384' fails the ISO 6346 check digit (expected 3)", error.Message);
    }

    [Theory]
    [InlineData("CSQX3054383", "category 'X'")]
    [InlineData("CSQU305438", "11 characters")]
    [InlineData("C5QU3054383", "4 letters")]
    public void MalformedNumbersSayWhatIsWrong(string text, string expected)
    {
        Assert.False(ContainerNumber.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExactlyOneCheckDigitCompletesAnyOwnerAndSerial()
    {
        foreach (var prefix in new[] { "ZIMU123456", "KKKU000000", "VVVJ999999", "AAAZ000001" })
        {
            var valid = Enumerable.Range(0, 10).Count(d => ContainerNumber.TryParse(prefix + d, out _, out _));
            Assert.Equal(1, valid);
        }
    }
}
