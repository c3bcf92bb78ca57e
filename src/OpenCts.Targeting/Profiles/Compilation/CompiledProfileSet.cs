using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Profiles;
using OpenCts.Targeting.Assessment;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>The profiles in force, compiled and indexed, evaluated against each consignment.</summary>
/// <remarks>
/// An index on the selective criteria every profile must meet (origin, HS prefix, countries, mode...) picks the few
/// profiles a consignment could meet; only those run. A consignment that meets none allocates nothing. Thread-safe:
/// each thread evaluates with its own <see cref="EvaluationContext"/>.
/// </remarks>
public sealed class CompiledProfileSet : IRiskProfileSet
{
    private readonly CompiledProfile[] _profiles;
    private readonly ProfileIndex _index;
    private readonly TimeProvider _clock;
    private readonly IScreeningFunction? _screening;
    private readonly ThreadLocal<EvaluationContext> _contexts;

    /// <summary>Compiles the profiles that are active and not yet expired.</summary>
    /// <exception cref="ProfileException">A profile's criteria do not parse or type-check; the message names it.</exception>
    public CompiledProfileSet(IEnumerable<RiskProfile> profiles, ProfileEnvironment? environment = null, TimeProvider? clock = null, IScreeningFunction? screening = null)
    {
        _clock = clock ?? TimeProvider.System;
        _screening = screening;
        var now = _clock.GetUtcNow();
        var compiler = new ProfileCompiler(environment);
        // Profiles not yet valid are kept (their window opens while the set is loaded); expired ones are not.
        // Compiling to IL is the slow part of loading a set; profiles compile independently, so on every core.
        var compiled = profiles
            .Where(p => p.Status == ProfileStatus.Active && (p.ValidTo is null || now < p.ValidTo))
            .AsParallel().AsOrdered()
            .Select(p => TryCompile(compiler, p))
            .ToList();
        // The first bad profile in the order given is the one reported, whatever thread met it first.
        if (compiled.FirstOrDefault(c => c.Error is not null).Error is { } error)
        {
            throw error;
        }
        _profiles = [.. compiled.Select(c => c.Profile!)];
        _index = new ProfileIndex(_profiles, compiler.Environment);
        _contexts = new ThreadLocal<EvaluationContext>(() => new EvaluationContext(_clock, _screening));
    }

    private static (CompiledProfile? Profile, ProfileException? Error) TryCompile(ProfileCompiler compiler, RiskProfile profile)
    {
        try
        {
            return (compiler.Compile(profile), null);
        }
        catch (ProfileException e)
        {
            return (null, e);
        }
    }

    public int Count => _profiles.Length;

    public IReadOnlyList<CompiledProfile> Profiles => _profiles;

    /// <summary>How the index splits the profiles, for the benchmark and for analysts.</summary>
    public ProfileIndexStatistics IndexStatistics => _index.Statistics;

    /// <summary>A context for this set's clock and screening, for callers that evaluate with their own.</summary>
    public EvaluationContext NewContext() => new(_clock, _screening);

    public void Evaluate(Consignment consignment, List<Reason> reasons) => Evaluate(consignment, _contexts.Value!.Refresh(), reasons);

    /// <summary>Appends a reason for each profile the consignment meets, at the context's instant.</summary>
    public void Evaluate(Consignment consignment, EvaluationContext context, List<Reason> reasons)
    {
        var candidates = _index.Candidates(consignment, context, out var count);
        for (var i = 0; i < count; i++)
        {
            var profile = _profiles[candidates[i]];
            if (profile.InForce(context) && profile.Criteria.Matches(consignment, context))
            {
                reasons.Add(profile.ReasonFor(consignment, context));
            }
        }
    }

    /// <summary>How many profiles the consignment meets, without building reasons (for measurement).</summary>
    public int CountHits(Consignment consignment, EvaluationContext context)
    {
        var hits = 0;
        var candidates = _index.Candidates(consignment, context, out var count);
        for (var i = 0; i < count; i++)
        {
            var profile = _profiles[candidates[i]];
            if (profile.InForce(context) && profile.Criteria.Matches(consignment, context))
            {
                hits++;
            }
        }
        return hits;
    }

    /// <summary>How many profiles the index asks to run for the consignment.</summary>
    public int CountCandidates(Consignment consignment, EvaluationContext context) => _index.Candidates(consignment, context, out var count) is not null ? count : 0;
}
