using System.Collections.Frozen;
using System.Linq.Expressions;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Targeting.Profiles.Fields;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>How an index splits its profiles: how many always run, how many are keyed on each field.</summary>
/// <param name="AlwaysRun">Profiles with no guard, run for every consignment.</param>
/// <param name="ByField">How many profiles have a guard on each field (a profile counts once per guard).</param>
public sealed record ProfileIndexStatistics(int AlwaysRun, IReadOnlyDictionary<string, int> ByField);

/// <summary>Picks the profiles a consignment could meet from the values of a few indexed fields.</summary>
/// <remarks>
/// Each profile is keyed by its one or two most selective guards (<see cref="ProfileGuards"/>): a value a field must
/// equal or start with, or a bound a number must pass. A consignment's candidates are the profiles all of whose guards
/// its values meet (counted with a bit per guard), plus the profiles without a guard. Reading the keys allocates nothing.
/// </remarks>
internal sealed class ProfileIndex
{
    private const int MaxGuards = 2;
    private const double SecondGuardAtMost = 0.1;

    private readonly int[] _alwaysRun;
    private readonly int[] _fullMask;
    private readonly PathIndex[] _paths;
    private readonly ThreadLocal<Scratch> _scratch;

    public ProfileIndex(IReadOnlyList<CompiledProfile> profiles, ProfileEnvironment environment)
    {
        var always = new List<int>();
        _fullMask = new int[profiles.Count];
        var byPath = new Dictionary<string, List<(Guard Guard, int Profile, int Bit)>>(StringComparer.Ordinal);
        for (var p = 0; p < profiles.Count; p++)
        {
            var guards = ProfileGuards.Of(profiles[p].Criteria.Syntax, environment)
                .Where(g => g.Bound is not null || g.Values.Count > 0)
                .OrderBy(g => g.Estimate)
                .Where((g, rank) => rank == 0 || g.Estimate <= SecondGuardAtMost)
                .Take(MaxGuards)
                .ToList();
            if (guards.Count == 0)
            {
                always.Add(p);
                continue;
            }
            for (var g = 0; g < guards.Count; g++)
            {
                if (!byPath.TryGetValue(guards[g].Path, out var list))
                {
                    byPath[guards[g].Path] = list = [];
                }
                list.Add((guards[g], p, 1 << g));
                _fullMask[p] |= 1 << g;
            }
        }
        _alwaysRun = [.. always];
        _paths = [.. byPath.Select(p => new PathIndex(p.Key, p.Value))];
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(profiles.Count));
        Statistics = new ProfileIndexStatistics(_alwaysRun.Length, byPath.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal));
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
        var span = scratch.Candidates.AsSpan(0, scratch.Count);
        span.Sort();
        count = span.Length;
        return scratch.Candidates;
    }

    /// <summary>The postings of one field: profiles by exact value, by prefix, and by numeric bound, each with the bit of its guard.</summary>
    internal sealed class PathIndex
    {
        private static readonly FrozenSet<string> UpperCasePaths = new[] { ProfileGuards.Countries, "goods.hs", "goods.origin", "route", "placeOfLoading", "placeOfDischarge", "finalDestination", "equipment.container", "equipment.ownerCode", "conveyance.imo" }.ToFrozenSet(StringComparer.Ordinal);

        private readonly bool _upperCase;
        private readonly FrozenDictionary<string, Posting[]> _exact;
        private readonly FrozenDictionary<string, Posting[]>.AlternateLookup<ReadOnlySpan<char>> _prefixes;
        private readonly int[] _prefixLengths;
        private readonly (NumericBound Bound, Posting Posting)[] _above;
        private readonly (NumericBound Bound, Posting Posting)[] _below;

        public PathIndex(string path, IEnumerable<(Guard Guard, int Profile, int Bit)> entries)
        {
            // Codes the model keeps in upper case (countries, HS codes) are keyed in upper case and looked up ordinally, which is cheaper.
            _upperCase = UpperCasePaths.Contains(path) || path.EndsWith(".country", StringComparison.Ordinal);
            var comparer = _upperCase ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
            var exact = new Dictionary<string, List<Posting>>(comparer);
            var prefixes = new Dictionary<string, List<Posting>>(comparer);
            var above = new List<(NumericBound, Posting)>();
            var below = new List<(NumericBound, Posting)>();
            foreach (var (guard, profile, bit) in entries)
            {
                var posting = new Posting(profile, bit);
                if (guard.Bound is { } bound)
                {
                    (bound.Above ? above : below).Add((bound, posting));
                    continue;
                }
                var target = guard.Prefix ? prefixes : exact;
                foreach (var value in guard.Values.Select(v => _upperCase ? v.ToUpperInvariant() : v).Distinct(comparer))
                {
                    if (!target.TryGetValue(value, out var list))
                    {
                        target[value] = list = [];
                    }
                    list.Add(posting);
                }
            }
            _exact = exact.ToFrozenDictionary(e => e.Key, e => e.Value.ToArray(), comparer);
            var frozenPrefixes = prefixes.ToFrozenDictionary(e => e.Key, e => e.Value.ToArray(), comparer);
            _prefixes = frozenPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();
            _prefixLengths = [.. frozenPrefixes.Keys.Select(k => k.Length).Distinct().Order()];
            // Lowest thresholds first for "above", highest first for "below": a value meets a prefix of each list.
            _above = [.. above.OrderBy(a => a.Item1.Threshold)];
            _below = [.. below.OrderByDescending(b => b.Item1.Threshold)];
            Read = Reader(path);
        }

        public Action<Consignment, EvaluationContext, PathIndex, Scratch> Read { get; }

        public void Visit(string? key, Scratch scratch)
        {
            if (key is null)
            {
                return;
            }
            if (_exact.Count > 0 && _exact.TryGetValue(key, out var postings))
            {
                scratch.Mark(postings);
            }
            foreach (var length in _prefixLengths)
            {
                if (length > key.Length)
                {
                    break;
                }
                if (_prefixes.TryGetValue(key.AsSpan(0, length), out var byPrefix))
                {
                    scratch.Mark(byPrefix);
                }
            }
        }

        public void Visit(double value, Scratch scratch)
        {
            foreach (var (bound, posting) in _above)
            {
                if (!bound.Admits(value))
                {
                    break;
                }
                scratch.Mark(posting);
            }
            foreach (var (bound, posting) in _below)
            {
                if (!bound.Admits(value))
                {
                    break;
                }
                scratch.Mark(posting);
            }
        }

        private static Action<Consignment, EvaluationContext, PathIndex, Scratch> Reader(string path)
        {
            if (path == ProfileGuards.Countries)
            {
                return static (c, _, index, scratch) =>
                {
                    index.Visit(FieldAccess.CountryOf(c.PlaceOfLoading), scratch);
                    index.Visit(FieldAccess.CountryOf(c.PlaceOfDischarge), scratch);
                    foreach (var country in c.Route.AsSpan())
                    {
                        index.Visit(country.Value, scratch);
                    }
                };
            }
            var consignment = Expression.Parameter(typeof(Consignment), "consignment");
            var context = Expression.Parameter(typeof(EvaluationContext), "context");
            var indexParameter = Expression.Parameter(typeof(PathIndex), "index");
            var scratchParameter = Expression.Parameter(typeof(Scratch), "scratch");
            Expression Visit(Expression key) => Expression.Call(indexParameter, nameof(Visit), null, key, scratchParameter);
            Expression body;
            if (FieldCatalogue.Fields.TryGetValue(path, out var field))
            {
                body = Visit(ParameterReplacer.Inline(field.Accessor, consignment, context));
            }
            else
            {
                var dot = path.IndexOf('.', StringComparison.Ordinal);
                var collection = FieldCatalogue.Collections[dot < 0 ? path : path[..dot]];
                var itemField = collection.Fields[dot < 0 ? "" : path[(dot + 1)..]];
                var list = Expression.Variable(typeof(ValueList<>).MakeGenericType(collection.ItemType), "items");
                var index = Expression.Variable(typeof(int), "i");
                var done = Expression.Label("done");
                body = Expression.Block(
                    [list, index],
                    Expression.Assign(list, ParameterReplacer.Inline(collection.Items, consignment)),
                    Expression.Assign(index, Expression.Constant(0)),
                    Expression.Loop(
                        Expression.IfThenElse(
                            Expression.LessThan(index, Expression.Property(list, nameof(ValueList<int>.Count))),
                            Expression.Block(
                                Visit(ParameterReplacer.Inline(itemField.Accessor, Expression.Property(list, "Item", index), context)),
                                Expression.PostIncrementAssign(index)),
                            Expression.Break(done)),
                        done));
            }
            return Expression.Lambda<Action<Consignment, EvaluationContext, PathIndex, Scratch>>(body, consignment, context, indexParameter, scratchParameter).Compile();
        }
    }

    /// <summary>A profile and the bit of one of its guards.</summary>
    internal readonly record struct Posting(int Profile, int Bit);

    /// <summary>One thread's marks: which guards of which profiles the current consignment met, and the candidates so far.</summary>
    internal sealed class Scratch(int profiles)
    {
        private readonly int[] _stamp = new int[profiles];
        private readonly int[] _mask = new int[profiles];
        private int[] _full = [];
        private int _generation;

        public int[] Candidates = new int[Math.Max(16, profiles)];
        public int Count;

        public void Begin(int[] fullMask)
        {
            _full = fullMask;
            Count = 0;
            if (++_generation == int.MaxValue)
            {
                Array.Clear(_stamp);
                _generation = 1;
            }
        }

        public void AddAll(int[] profiles)
        {
            foreach (var profile in profiles)
            {
                Candidates[Count++] = profile;
            }
        }

        public void Mark(Posting[] postings)
        {
            foreach (var posting in postings)
            {
                Mark(posting);
            }
        }

        public void Mark(Posting posting)
        {
            var p = posting.Profile;
            if (_stamp[p] != _generation)
            {
                _stamp[p] = _generation;
                _mask[p] = 0;
            }
            var before = _mask[p];
            var after = before | posting.Bit;
            if (after != before)
            {
                _mask[p] = after;
                if (after == _full[p])
                {
                    Candidates[Count++] = p;
                }
            }
        }
    }
}
