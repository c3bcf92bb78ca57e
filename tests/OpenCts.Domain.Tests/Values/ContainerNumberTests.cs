using OpenCts.Domain.Common;
using OpenCts.Domain.Values;

using OpenCts.Tests.Shared;

namespace OpenCts.Domain.Tests.Values;

public class ContainerNumberTests
{
    [Theory]
    [InlineData("CSQU3054383", "CSQU3054383", "CSQ")]
    [InlineData("MSKU9070323", "MSKU9070323", "MSK")]
    [InlineData("TGHU 876543 6", "TGHU8765436", "TGH")]
    [InlineData("msku907032-3", "MSKU9070323", "MSK")]
    public void ValidIso6346NumbersAreAcceptedAndNormalised(string text, string expected, string owner)
    {
        var number = ContainerNumber.Parse(text);
        Assert.Equal(expected, number.Value);
        Assert.Equal(owner, number.OwnerCode);
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

    [Theory]
    [InlineData("ZIMU123456", 9)]
    [InlineData("KKKU000000", 7)]
    [InlineData("VVVJ999999", 0)]
    [InlineData("AAAZ000001", 6)]
    [InlineData("CSQU305438", 3)]
    public void ExactlyOneCheckDigitCompletesAnOwnerAndSerial(string prefix, int digit)
    {
        // The digits were worked out apart from the code: letter values from 10 skipping multiples of 11, weights 2^i, sum mod 11 mod 10.
        Assert.Equal([digit], Enumerable.Range(0, 10).Where(d => ContainerNumber.TryParse(prefix + d, out _, out _)));
    }
}
