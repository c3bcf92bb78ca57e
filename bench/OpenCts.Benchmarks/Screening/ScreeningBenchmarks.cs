using BenchmarkDotNet.Attributes;
using OpenCts.Screening.Matching;
using OpenCts.Screening.Watchlists;

namespace OpenCts.Benchmarks.Screening;

/// <summary>Screening's hot paths on the real lists: a listed name with a typo, an ordinary name that is not listed, and the parts (normalisation, Jaro-Winkler).</summary>
[MemoryDiagnoser]
public class ScreeningBenchmarks
{
    private ScreeningIndex _index = null!;
    private readonly ScreeningOptions _explained = new(MaxHits: 5);
    private readonly ScreeningOptions _bestOnly = new(MinScore: ScreeningOptions.DefaultAlertThreshold, MaxHits: 3);

    [GlobalSetup]
    public void Setup()
    {
        var lists = Path.Combine(RepositoryRoot(), "data", "watchlists");
        _index = ScreeningIndex.Build(WatchlistLoader.Load(lists).Entries);
    }

    [Benchmark]
    public ScreeningResult ScreenListedNameWithTypo() => _index.Screen("Hoda Shiping Company Ltd", _explained);

    [Benchmark]
    public ScreeningResult ScreenOrdinaryCompany() => _index.Screen("Northern Star Logistics GmbH", _explained);

    [Benchmark]
    public ScreeningResult ScreenOrdinaryPerson() => _index.Screen("Maria Fernández López", _explained);

    [Benchmark]
    public double BestScoreOrdinaryPerson() => _index.BestScore("Maria Fernández López", _bestOnly);

    [Benchmark]
    public string[] Normalise() => NameNormaliser.Tokens("CONSTRUCTORA JATZIRY DE GUASAVE, S.A. DE C.V.");

    [Benchmark]
    public double JaroWinklerOfTwoTokens() => JaroWinkler.Similarity("haniyya", "haniyeh");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenCts.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("OpenCts.slnx not found above " + AppContext.BaseDirectory);
    }
}
