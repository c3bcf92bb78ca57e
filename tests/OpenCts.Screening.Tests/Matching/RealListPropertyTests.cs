using CsCheck;
using OpenCts.Screening.Matching;

namespace OpenCts.Screening.Tests.Matching;

public sealed class RealListPropertyTests
{
    [Fact]
    public void EveryListedNameAndAliasFindsItsOwnEntryWithAFullScore()
    {
        var index = RealLists.Index;
        var failures = new List<string>();
        foreach (var entry in index.Entries)
        {
            foreach (var name in (IEnumerable<string>)[entry.Name, .. entry.Aliases])
            {
                if (NameNormaliser.Tokens(name).Length is 0 or > 32)
                {
                    continue;
                }
                var own = index.Screen(name, new ScreeningOptions(MaxHits: 100)).Hits.FirstOrDefault(h => h.Entry == entry);
                if (own is null || own.Score < 0.9999)
                {
                    failures.Add($"{entry.List} {entry.Id} '{name}': {own?.Score ?? 0}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void NormalisingANormalisedNameChangesNothing()
    {
        var listed = RealLists.Index.Entries.Select(e => e.Name).ToArray();
        Gen.OneOf(Gen.Int[0, listed.Length - 1].Select(i => listed[i]), Gen.String[Gen.Char["AaBbÉé,.- '&Ltd"], 0, 24]).Sample(name =>
        {
            var once = NameNormaliser.Normalise(name);
            return NameNormaliser.Normalise(once) == once;
        });
    }
}
