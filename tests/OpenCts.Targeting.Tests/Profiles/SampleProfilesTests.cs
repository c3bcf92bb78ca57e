using Microsoft.Extensions.Time.Testing;
using OpenCts.Bench.Quality.Profiles;
using OpenCts.Domain.Assessments;
using OpenCts.Ingestion.Samples;
using OpenCts.Targeting.Catalog;
using OpenCts.Targeting.Profiles.Compilation;
using OpenCts.Tests.Shared;

namespace OpenCts.Targeting.Tests.Profiles;

public sealed class SampleProfilesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static ProfileEnvironment SampleLists()
    {
        var folder = Path.Combine(RepositoryData.RepositoryRoot, "samples", "reference-lists");
        return new ProfileEnvironment(Directory.EnumerateFiles(folder, "*.txt")
            .Select(ReferenceListFile.Load)
            .ToDictionary(l => l.Name, l => (IReadOnlyCollection<string>)[.. l.Values], StringComparer.Ordinal));
    }

    [Fact]
    public void EverySampleProfileIsSoundAgainstTheSampleLists()
    {
        var profiles = ProfileFile.Load(Path.Combine(RepositoryData.RepositoryRoot, "samples", "profiles", "national-profiles.json"));
        var environment = SampleLists();

        Assert.All(profiles, p => Assert.Empty(ProfileCompiler.Check(p, environment)));
    }

    [Fact]
    public void TheSampleProfilesFindThePlantedNarcoticsAndValuationRisks()
    {
        var profiles = ProfileFile.Load(Path.Combine(RepositoryData.RepositoryRoot, "samples", "profiles", "national-profiles.json"));
        var set = new CompiledProfileSet(profiles, SampleLists(), new FakeTimeProvider(Start));
        var context = set.NewContext().At(Start);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var reasons = new List<Reason>();
        foreach (var generated in new SampleGenerator(21, new SampleOptions(Start, RiskShare: 0.3)).GenerateWithTruth(2000))
        {
            reasons.Clear();
            set.Evaluate(generated.Consignment, context, reasons);
            if (generated.Risk is { } risk && reasons.Any(r => r.Category == risk.Category))
            {
                found.Add(risk.Scenario);
            }
        }

        Assert.Contains("cocaine-in-fruit", found);
        Assert.Contains("undervalued-electronics", found);
    }

    [Fact]
    public void ManyThreadsEvaluatingOneSetGetWhatOneThreadGets()
    {
        var set = new CompiledProfileSet(ProfileMix.Generate(300, seed: 4).Select(r => r.ToProfile()), clock: new FakeTimeProvider(Start));
        var consignments = new SampleGenerator(8, new SampleOptions(Start, RiskShare: 0.3)).Generate(2000);
        var alone = consignments.Select(c => set.CountHits(c, set.NewContext().At(Start))).ToArray();

        var together = new int[consignments.Count];
        Parallel.For(0, consignments.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var reasons = new List<Reason>();
            set.Evaluate(consignments[i], reasons);
            together[i] = reasons.Count;
        });

        Assert.Equal(alone, together);
        Assert.True(alone.Sum() > 0);
    }
}
