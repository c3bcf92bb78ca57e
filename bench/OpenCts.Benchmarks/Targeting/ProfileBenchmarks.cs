using BenchmarkDotNet.Attributes;
using OpenCts.Bench.Quality.Profiles;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Samples;
using OpenCts.Targeting.Profiles.Compilation;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Benchmarks.Targeting;

/// <summary>The profile language's hot paths: a 1,000-profile set over generated consignments, indexed and not, and parsing.</summary>
[MemoryDiagnoser]
public class ProfileBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<Reason> _reasons = new(16);
    private CompiledProfileSet _set = null!;
    private EvaluationContext _context = null!;
    private IReadOnlyList<Consignment> _consignments = null!;
    private string _criteria = "";

    [GlobalSetup]
    public void Setup()
    {
        _set = new CompiledProfileSet(ProfileMix.Generate(1_000).Select(r => r.ToProfile()));
        _context = _set.NewContext().At(Start);
        _consignments = new SampleGenerator(1, new SampleOptions(Start)).Generate(1_000);
        _criteria = ProfileMix.Generate(1_000)[3].Criteria();
    }

    /// <summary>Evaluating 1,000 consignments through the index, with evidence for each hit.</summary>
    [Benchmark(OperationsPerInvoke = 1_000)]
    public int IndexedSet()
    {
        var hits = 0;
        foreach (var consignment in _consignments)
        {
            _reasons.Clear();
            _set.Evaluate(consignment, _context, _reasons);
            hits += _reasons.Count;
        }
        return hits;
    }

    /// <summary>Every profile's delegate on every consignment: what the index saves.</summary>
    [Benchmark(OperationsPerInvoke = 1_000)]
    public int EveryProfile()
    {
        var hits = 0;
        foreach (var consignment in _consignments)
        {
            foreach (var profile in _set.Profiles)
            {
                hits += profile.Criteria.Matches(consignment, _context) ? 1 : 0;
            }
        }
        return hits;
    }

    [Benchmark]
    public ProfileExpr Parse() => ProfileParser.Parse(_criteria);
}
