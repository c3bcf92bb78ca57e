using CsCheck;

using OpenCts.Screening.Matching;

namespace OpenCts.Screening.Tests.Matching;

public sealed class JaroWinklerTests
{
    [Theory]
    [InlineData("martha", "marhta", 0.9611)]
    [InlineData("dwayne", "duane", 0.84)]
    [InlineData("dixon", "dicksonx", 0.8133)]
    [InlineData("abc", "xyz", 0)]
    [InlineData("same", "same", 1)]
    public void GivesThePublishedValuesOfTheClassicExamples(string a, string b, double expected) =>
        Assert.Equal(expected, JaroWinkler.Similarity(a, b), 4);

    [Fact]
    public void IsSymmetricAndWithinZeroAndOne()
    {
        var word = Gen.String[Gen.Char['a', 'f'], 0, 12];
        Gen.Select(word, word).Sample((a, b) =>
        {
            var ab = JaroWinkler.Similarity(a, b);
            var ba = JaroWinkler.Similarity(b, a);
            return Math.Abs(ab - ba) < 1e-12 && ab is >= 0 and <= 1 && (a != b || a.Length == 0 || ab == 1);
        });
    }
}
