using System.Collections.Frozen;
using System.Linq.Expressions;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Targeting.Profiles.Fields;

namespace OpenCts.Targeting.Profiles.Compilation;

internal sealed partial class ProfileIndex
{
    /// <summary>The keys of one field: the values and prefixes profiles name, numbered, and the bounds they set on a number.</summary>
    /// <remarks>
    /// Reading a consignment notes the numbers of the keys its values have (<see cref="Scratch.KeysOf"/>) and marks the
    /// bounds they pass; <see cref="Collect"/> then adds the profiles keyed on this field alone.
    /// </remarks>
    internal sealed class PathIndex
    {
        private static readonly FrozenSet<string> UpperCasePaths = new[] { ProfileGuards.Countries, "goods.hs", "goods.origin", "route", "placeOfLoading", "placeOfDischarge", "finalDestination", "equipment.container", "equipment.ownerCode", "conveyance.imo" }.ToFrozenSet(StringComparer.Ordinal);

        private readonly int _slot;
        private readonly FrozenDictionary<string, int> _exact;
        private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _prefixes;
        private readonly int[] _prefixLengths;
        private readonly int[]? _twoLetterKeys;
        private readonly int[][] _candidates;
        private readonly Posting[][] _marks;
        private readonly (NumericBound Bound, Posting Posting)[] _above;
        private readonly (NumericBound Bound, Posting Posting)[] _below;

        private PathIndex(Builder builder)
        {
            _slot = builder.Slot;
            _exact = builder.Exact.ToFrozenDictionary(builder.Exact.Comparer);
            _prefixes = builder.Prefixes.ToFrozenDictionary(builder.Prefixes.Comparer).GetAlternateLookup<ReadOnlySpan<char>>();
            _prefixLengths = [.. builder.Prefixes.Keys.Select(k => k.Length).Distinct().Order()];
            _twoLetterKeys = builder.TwoLetterKeys();
            _candidates = [.. builder.Candidates.Select(c => c.ToArray())];
            _marks = [.. builder.Marks.Select(m => m.ToArray())];
            // Lowest thresholds first for "above", highest first for "below": a value meets a prefix of each list.
            _above = [.. builder.Bounds.Where(b => b.Bound.Above).OrderBy(b => b.Bound.Threshold)];
            _below = [.. builder.Bounds.Where(b => !b.Bound.Above).OrderByDescending(b => b.Bound.Threshold)];
            Read = Reader(builder.Path);
        }

        /// <summary>How many keys the field has (the numbers run from 0).</summary>
        public int KeyCount => _candidates.Length;

        public Action<Consignment, EvaluationContext, PathIndex, Scratch> Read { get; }

        /// <summary>Notes the keys a text value of the field has: itself, and each of its prefixes that profiles name.</summary>
        public void Visit(string? value, Scratch scratch)
        {
            if (value is null)
            {
                return;
            }
            if (_twoLetterKeys is not null)
            {
                // Country codes: a table of the 676 two-letter codes is cheaper than hashing, and nothing else can match.
                if (value.Length == 2 && char.IsAsciiLetterUpper(value[0]) && char.IsAsciiLetterUpper(value[1]) && _twoLetterKeys[((value[0] - 'A') * 26) + value[1] - 'A'] is >= 0 and var code)
                {
                    scratch.AddKey(_slot, code);
                }
                return;
            }
            if (_exact.Count > 0 && _exact.TryGetValue(value, out var key))
            {
                scratch.AddKey(_slot, key);
            }
            foreach (var length in _prefixLengths)
            {
                if (length > value.Length)
                {
                    break;
                }
                if (_prefixes.TryGetValue(value.AsSpan(0, length), out var byPrefix))
                {
                    scratch.AddKey(_slot, byPrefix);
                }
            }
        }

        /// <summary>Marks the bounds a number of the field passes.</summary>
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

        /// <summary>Adds the profiles keyed on this field alone, and marks the guards of the profiles keyed on it with a bit.</summary>
        public void Collect(Scratch scratch)
        {
            foreach (var key in scratch.KeysOf(_slot))
            {
                scratch.AddAll(_candidates[key]);
                foreach (var posting in _marks[key])
                {
                    scratch.Mark(posting);
                }
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

        /// <summary>Numbers the keys of one field as profiles are added, and what each key leads to.</summary>
        internal sealed class Builder
        {
            private readonly bool _upperCase;

            public Builder(string path, int slot)
            {
                Path = path;
                Slot = slot;
                // Codes the model keeps in upper case (countries, HS codes) are keyed in upper case and looked up ordinally, which is cheaper.
                _upperCase = UpperCasePaths.Contains(path) || path.EndsWith(".country", StringComparison.Ordinal);
                var comparer = _upperCase ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
                Exact = new Dictionary<string, int>(comparer);
                Prefixes = new Dictionary<string, int>(comparer);
            }

            public string Path { get; }

            public int Slot { get; }

            public Dictionary<string, int> Exact { get; }

            public Dictionary<string, int> Prefixes { get; }

            public List<List<int>> Candidates { get; } = [];

            public List<List<Posting>> Marks { get; } = [];

            public List<(NumericBound Bound, Posting Posting)> Bounds { get; } = [];

            /// <summary>The numbers of the keys a value guard names, each once.</summary>
            public List<int> KeysOf(Guard guard)
            {
                var keys = new List<int>();
                var target = guard.Prefix ? Prefixes : Exact;
                foreach (var value in guard.Values)
                {
                    var text = _upperCase ? value.ToUpperInvariant() : value;
                    if (!target.TryGetValue(text, out var key))
                    {
                        target[text] = key = Candidates.Count;
                        Candidates.Add([]);
                        Marks.Add([]);
                    }
                    if (!keys.Contains(key))
                    {
                        keys.Add(key);
                    }
                }
                return keys;
            }

            /// <summary>A profile keyed on this one value guard: every consignment with one of its keys runs it.</summary>
            public void AddCandidate(Guard guard, int profile)
            {
                foreach (var key in KeysOf(guard))
                {
                    Candidates[key].Add(profile);
                }
            }

            /// <summary>A guard met by marking its bit: a value guard's keys, or a bound.</summary>
            public void AddMark(Guard guard, Posting posting)
            {
                if (guard.Bound is { } bound)
                {
                    Bounds.Add((bound, posting));
                    return;
                }
                foreach (var key in KeysOf(guard))
                {
                    Marks[key].Add(posting);
                }
            }

            /// <summary>A table by code when the field is kept in upper case and every key is two letters (a country), else null.</summary>
            public int[]? TwoLetterKeys()
            {
                if (!_upperCase || Prefixes.Count > 0 || Exact.Count == 0 || !Exact.Keys.All(k => k.Length == 2 && char.IsAsciiLetterUpper(k[0]) && char.IsAsciiLetterUpper(k[1])))
                {
                    return null;
                }
                var table = new int[26 * 26];
                Array.Fill(table, -1);
                foreach (var (code, key) in Exact)
                {
                    table[((code[0] - 'A') * 26) + code[1] - 'A'] = key;
                }
                return table;
            }

            public PathIndex Build() => new(this);
        }
    }
}
