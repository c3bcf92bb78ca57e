using System.Collections.Frozen;
using System.Linq.Expressions;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Targeting.Profiles.Fields;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>How an index splits its profiles: how many are keyed on each field, how many always run.</summary>
/// <param name="AlwaysRun">Profiles with no guard, run for every consignment.</param>
/// <param name="ByField">Profiles keyed on each field.</param>
public sealed record ProfileIndexStatistics(int AlwaysRun, IReadOnlyDictionary<string, int> ByField);

/// <summary>Picks the profiles a consignment could meet from the values of a few indexed fields.</summary>
/// <remarks>
/// Each profile is keyed by its most selective guard (<see cref="ProfileGuards"/>); a consignment's candidates are the
/// profiles keyed by one of its values, plus the profiles without a guard. Reading the keys allocates nothing.
/// </remarks>
internal sealed class ProfileIndex
{
    [ThreadStatic]
    private static CandidateBuffer? t_buffer;

    private static readonly EvaluationContext KeyContext = new(TimeProvider.System);

    private readonly int[] _alwaysRun;
    private readonly KeyReader[] _readers;

    public ProfileIndex(IReadOnlyList<CompiledProfile> profiles, ProfileEnvironment environment)
    {
        var always = new List<int>();
        var byPath = new Dictionary<string, List<(Guard Guard, int Profile)>>(StringComparer.Ordinal);
        for (var i = 0; i < profiles.Count; i++)
        {
            var best = ProfileGuards.Of(profiles[i].Criteria.Syntax, environment).Where(g => g.Values.Count > 0).MinBy(g => g.Estimate);
            if (best is null)
            {
                always.Add(i);
                continue;
            }
            if (!byPath.TryGetValue(best.Path, out var list))
            {
                byPath[best.Path] = list = [];
            }
            list.Add((best, i));
        }
        _alwaysRun = [.. always];
        _readers = [.. byPath.Select(p => new KeyReader(Reader(p.Key), new Postings(p.Value)))];
        Statistics = new ProfileIndexStatistics(_alwaysRun.Length, byPath.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal));
    }

    public ProfileIndexStatistics Statistics { get; }

    /// <summary>The candidate profiles in ascending order; the array is reused by the next call on this thread.</summary>
    public int[] Candidates(Consignment consignment, out int count)
    {
        var buffer = t_buffer ??= new CandidateBuffer();
        buffer.Count = 0;
        buffer.AddRange(_alwaysRun);
        foreach (var reader in _readers)
        {
            reader.Read(consignment, KeyContext, reader.Postings, buffer);
        }
        var span = buffer.Items.AsSpan(0, buffer.Count);
        span.Sort();
        count = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (i == 0 || span[i] != span[i - 1])
            {
                span[count++] = span[i];
            }
        }
        return buffer.Items;
    }

    private sealed record KeyReader(Action<Consignment, EvaluationContext, Postings, CandidateBuffer> Read, Postings Postings);

    private static Action<Consignment, EvaluationContext, Postings, CandidateBuffer> Reader(string path)
    {
        if (path == ProfileGuards.Countries)
        {
            return static (c, _, postings, buffer) =>
            {
                postings.Visit(FieldAccess.CountryOf(c.PlaceOfLoading), buffer);
                postings.Visit(FieldAccess.CountryOf(c.PlaceOfDischarge), buffer);
                foreach (var country in c.Route.AsSpan())
                {
                    postings.Visit(country.Value, buffer);
                }
            };
        }
        var consignment = Expression.Parameter(typeof(Consignment), "consignment");
        var context = Expression.Parameter(typeof(EvaluationContext), "context");
        var postingsParameter = Expression.Parameter(typeof(Postings), "postings");
        var bufferParameter = Expression.Parameter(typeof(CandidateBuffer), "buffer");
        Expression Visit(Expression key) => Expression.Call(postingsParameter, nameof(Postings.Visit), null, key, bufferParameter);
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
            var index = Expression.Variable(typeof(int), "index");
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
        return Expression.Lambda<Action<Consignment, EvaluationContext, Postings, CandidateBuffer>>(body, consignment, context, postingsParameter, bufferParameter).Compile();
    }

    /// <summary>The profiles keyed on one field: by exact value and by prefix.</summary>
    internal sealed class Postings
    {
        private readonly FrozenDictionary<string, int[]> _exact;
        private readonly FrozenDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _prefixes;
        private readonly int[] _prefixLengths;

        public Postings(IEnumerable<(Guard Guard, int Profile)> entries)
        {
            var exact = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
            var prefixes = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (guard, profile) in entries)
            {
                var target = guard.Prefix ? prefixes : exact;
                foreach (var value in guard.Values)
                {
                    if (!target.TryGetValue(value, out var list))
                    {
                        target[value] = list = [];
                    }
                    list.Add(profile);
                }
            }
            _exact = exact.ToFrozenDictionary(e => e.Key, e => e.Value.Distinct().ToArray(), StringComparer.OrdinalIgnoreCase);
            var frozenPrefixes = prefixes.ToFrozenDictionary(e => e.Key, e => e.Value.Distinct().ToArray(), StringComparer.OrdinalIgnoreCase);
            _prefixes = frozenPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();
            _prefixLengths = [.. frozenPrefixes.Keys.Select(k => k.Length).Distinct().Order()];
        }

        public void Visit(string? key, CandidateBuffer buffer)
        {
            if (key is null)
            {
                return;
            }
            if (_exact.Count > 0 && _exact.TryGetValue(key, out var profiles))
            {
                buffer.AddRange(profiles);
            }
            foreach (var length in _prefixLengths)
            {
                if (length > key.Length)
                {
                    break;
                }
                if (_prefixes.TryGetValue(key.AsSpan(0, length), out var byPrefix))
                {
                    buffer.AddRange(byPrefix);
                }
            }
        }
    }

    /// <summary>A growable array of profile numbers, one per thread.</summary>
    internal sealed class CandidateBuffer
    {
        public int[] Items = new int[256];
        public int Count;

        public void AddRange(int[] profiles)
        {
            if (Count + profiles.Length > Items.Length)
            {
                Array.Resize(ref Items, Math.Max(Items.Length * 2, Count + profiles.Length));
            }
            profiles.CopyTo(Items, Count);
            Count += profiles.Length;
        }
    }
}
