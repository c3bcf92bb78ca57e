using OpenCts.Commerce.Entities;

namespace OpenCts.Commerce.Tests.Entities;

public sealed class NameSimilarityTests
{
    private static double Score(string a, string b) =>
        NameSimilarity.Score(NameNormaliser.Normalise(a).Key, NameNormaliser.Normalise(b).Key);

    [Theory]
    [InlineData("John Smith", "Smith John")]
    [InlineData("JOHN SMITH", "Mr John Smith")]
    public void Reordered_names_are_equal(string a, string b) => Assert.Equal(1.0, Score(a, b));

    [Theory]
    [InlineData("J. Smith", "John Smith")]
    [InlineData("Jhon Smith", "John Smith")]
    [InlineData("John Smiht", "John Smith")]
    [InlineData("Jon Smith", "John Smith")]
    [InlineData("Katarzyna Kowalska", "Katarzyna Kowalksa")]
    [InlineData("Mueller Hans", "Hans Müller")]
    public void Initials_and_typos_score_at_least_the_address_threshold(string a, string b) =>
        Assert.True(Score(a, b) >= EntityIndex.FuzzyAtAddress, $"{a} ~ {b}: {Score(a, b)}");

    [Theory]
    [InlineData("Jon Smith", "John Smithson")]
    [InlineData("John Smith", "Jane Smith")]
    [InlineData("John Smith", "Mary Jones")]
    [InlineData("J Smith", "K Smith")]
    [InlineData("Anna Kowalska", "Anna Kowalski Nowak Zielinska")]
    [InlineData("Ali Khan", "Ali Hassan")]
    public void Different_people_score_below_the_address_threshold(string a, string b) =>
        Assert.True(Score(a, b) < EntityIndex.FuzzyAtAddress, $"{a} ~ {b}: {Score(a, b)}");

    [Fact]
    public void Only_initials_in_common_is_no_match() => Assert.Equal(0, Score("J K", "John Kelly") > 0 ? 1 : 0);

    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.961)]
    [InlineData("DWAYNE", "DUANE", 0.84)]
    [InlineData("DIXON", "DICKSONX", 0.813)]
    public void Jaro_winkler_matches_the_published_examples(string a, string b, double expected) =>
        Assert.Equal(expected, NameSimilarity.JaroWinkler(a, b), 3);

    [Theory]
    [InlineData("SMITH", "SMIHT", 1)]
    [InlineData("SMITH", "SMITHSON", 3)]
    [InlineData("KITTEN", "SITTING", 3)]
    public void Edit_distance_counts_a_swap_as_one(string a, string b, int expected) =>
        Assert.Equal(expected, NameSimilarity.EditDistance(a, b));
}
