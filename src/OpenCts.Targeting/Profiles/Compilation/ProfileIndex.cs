using System.Collections.Frozen;
using OpenCts.Domain.Consignments;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>How an index splits its profiles: how many always run, how many are keyed on each field.</summary>
/// <param name="AlwaysRun">Profiles with no guard, run for every consignment.</param>
/// <param name="ByField">How many profiles have a guard on each field (a profile counts once per guard).</param>
/// <param name="Combined">Profiles keyed on the values of two fields together (such as HS prefix and origin).</param>
public sealed record ProfileIndexStatistics(int AlwaysRun, IReadOnlyDictionary<string, int> ByField, int Combined = 0);

/// <summary>Picks the profiles a consignment could meet from the values of a few indexed fields.</summary>
/// <remarks>
/// Each profile is keyed by its one or two most selective guards (<see cref="ProfileGuards"/>): a value a field must
/// equal or start with, or a bound a number must pass. Two value guards make one combined key (HS prefix "8517" with
/// origin "CN"), so that a consignment reaches only the profiles whose both values it has, without touching the many
/// profiles that share one of them. A guard that is a bound is met by marking a bit per guard instead. A consignment's
/// candidates are the profiles so reached, plus the profiles without a guard. Reading the keys allocates nothing.
/// </remarks>
internal sealed partial class ProfileIndex
{
    private const double SecondGuardAtMost = 0.1;

    // A second value guard costs nothing at run time (it narrows a combined key), so a broader one is still worth it.
    private const double SecondValueGuardAtMost = 0.6;

    // A profile listing many values on both fields would need their product of combined keys.
    private const int MaxCombinedKeysPerProfile = 4096;

    private readonly int[] _alwaysRun;
    private readonly int[] _fullMask;
    private readonly PathIndex[] _paths;
    private readonly PairIndex[] _pairs;
    private readonly ThreadLocal<Scratch> _scratch;

    public ProfileIndex(IReadOnlyList<CompiledProfile> profiles, ProfileEnvironment environment)
    {
        var always = new List<int>();
        _fullMask = new int[profiles.Count];
        var paths = new Dictionary<string, PathIndex.Builder>(StringComparer.Ordinal);
        var pairs = new Dictionary<(int First, int Second), PairIndex.Builder>();
        var byField = new Dictionary<string, int>(StringComparer.Ordinal);
        var combined = 0;
        PathIndex.Builder PathOf(Guard guard)
        {
            if (!paths.TryGetValue(guard.Path, out var path))
            {
                paths[guard.Path] = path = new PathIndex.Builder(guard.Path, paths.Count);
            }
            byField[guard.Path] = byField.GetValueOrDefault(guard.Path) + 1;
            return path;
        }
        for (var p = 0; p < profiles.Count; p++)
        {
            var guards = ProfileGuards.Of(profiles[p].Criteria.Syntax, environment)
                .Where(g => g.Bound is not null || g.Values.Count > 0)
                .OrderBy(g => g.Estimate)
                .ToList();
            if (guards.Count == 0)
            {
                always.Add(p);
                continue;
            }
            var first = guards[0];
            var partner = first.Bound is null
                ? guards.Skip(1).FirstOrDefault(g => g.Bound is null && g.Estimate <= SecondValueGuardAtMost && (long)g.Values.Count * first.Values.Count <= MaxCombinedKeysPerProfile)
                : null;
            if (partner is not null)
            {
                var (a, b) = (PathOf(first), PathOf(partner));
                var (firstKeys, secondKeys) = (a.KeysOf(first), b.KeysOf(partner));
                // One builder per ordered pair of fields, the lower-numbered field first.
                var pair = a.Slot <= b.Slot ? (a.Slot, b.Slot) : (b.Slot, a.Slot);
                if (!pairs.TryGetValue(pair, out var builder))
                {
                    pairs[pair] = builder = new PairIndex.Builder(pair.Item1, pair.Item2);
                }
                foreach (var x in firstKeys)
                {
                    foreach (var y in secondKeys)
                    {
                        builder.Add(a.Slot <= b.Slot ? x : y, a.Slot <= b.Slot ? y : x, p);
                    }
                }
                combined++;
                continue;
            }
            var second = guards.Count > 1 && guards[1].Estimate <= SecondGuardAtMost ? guards[1] : null;
            if (second is null && first.Bound is null)
            {
                PathOf(first).AddCandidate(first, p);
                continue;
            }
            _fullMask[p] = second is null ? 1 : 3;
            PathOf(first).AddMark(first, new Posting(p, 1));
            if (second is not null)
            {
                PathOf(second).AddMark(second, new Posting(p, 2));
            }
        }
        _alwaysRun = [.. always];
        _paths = [.. paths.Values.OrderBy(b => b.Slot).Select(b => b.Build())];
        _pairs = [.. pairs.Values.Select(b => b.Build())];
        var keyCounts = _paths.Select(p => p.KeyCount).ToArray();
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(profiles.Count, keyCounts));
        Statistics = new ProfileIndexStatistics(_alwaysRun.Length, byField, combined);
    }

    public ProfileIndexStatistics Statistics { get; }

    /// <summary>The candidate profiles in ascending order; the array is reused by the next call on this thread.</summary>
    public int[] Candidates(Consignment consignment, EvaluationContext context, out int count)
    {
        var scratch = _scratch.Value!;
        scratch.Begin(_fullMask);
        scratch.AddAll(_alwaysRun);
        foreach (var path in _paths)
        {
            path.Read(consignment, context, path, scratch);
        }
        foreach (var path in _paths)
        {
            path.Collect(scratch);
        }
        foreach (var pair in _pairs)
        {
            pair.Collect(scratch);
        }
        var span = scratch.Candidates.AsSpan(0, scratch.Count);
        span.Sort();
        count = span.Length;
        return scratch.Candidates;
    }

    /// <summary>A profile and the bit of one of its guards.</summary>
    internal readonly record struct Posting(int Profile, int Bit);

    /// <summary>The profiles keyed on a value of one field together with a value of another, by the pair of their key numbers.</summary>
    internal sealed class PairIndex(int first, int second, FrozenDictionary<long, int[]> profiles)
    {
        public void Collect(Scratch scratch)
        {
            var firstKeys = scratch.KeysOf(first);
            if (firstKeys.IsEmpty)
            {
                return;
            }
            var secondKeys = scratch.KeysOf(second);
            foreach (var x in firstKeys)
            {
                foreach (var y in secondKeys)
                {
                    if (profiles.TryGetValue(Combine(x, y), out var found))
                    {
                        scratch.AddAll(found);
                    }
                }
            }
        }

        private static long Combine(int first, int second) => ((long)first << 32) | (uint)second;

        internal sealed class Builder(int first, int second)
        {
            private readonly Dictionary<long, List<int>> _profiles = [];

            public void Add(int firstKey, int secondKey, int profile)
            {
                var key = Combine(firstKey, secondKey);
                if (!_profiles.TryGetValue(key, out var list))
                {
                    _profiles[key] = list = [];
                }
                if (list.Count == 0 || list[^1] != profile)
                {
                    list.Add(profile);
                }
            }

            public PairIndex Build() => new(first, second, _profiles.ToFrozenDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
