using OpenCts.Domain.Watchlists;

namespace OpenCts.Screening.Matching;

/// <summary>An in-memory index of watch-list names and identifiers that screens a name in tens of microseconds.</summary>
/// <remarks>
/// <para>Every primary name and alias is normalised (<see cref="NameNormaliser"/>) into tokens. Candidates come from a token index:
/// the exact token, and every listed token within one edit (found through single-character deletions of both sides),
/// so a typo anywhere in a word still finds the listed name. Each candidate is then scored by a weighted token-set
/// Jaro-Winkler: tokens are paired one to one, best pairs first, and each pair counts by the rarity (inverse document frequency)
/// of its token, so matching a rare surname counts for more than matching "al" or "trading".</para>
/// <para>Score = Σ similarity × weight of matched screened tokens / (Σ weight of all screened tokens + ¼ Σ weight of unmatched listed tokens).
/// Every word of the screened name must be explained, while a listed name may carry middle names the trader leaves out, at a quarter of the cost.</para>
/// <para>The index is immutable once built; <see cref="Screen(string, ScreeningOptions?)"/> may be called from many threads at once.</para>
/// </remarks>
public sealed partial class ScreeningIndex
{
    /// <summary>Tokens less alike than this do not pair at all.</summary>
    private const double MinTokenSimilarity = 0.84;

    /// <summary>The cost of a listed token the screened name leaves out, relative to a screened token that matches nothing.</summary>
    private const double UnmatchedListedTokenCost = 0.25;

    /// <summary>Tokens shorter than this are matched exactly: one edit in "ali" makes another name.</summary>
    private const int MinFuzzyLength = 4;

    private const int MaxQueryTokens = 32;

    /// <summary>A legal form left inside a name ("HODA SHIPPING CO. LTD. DUBAI BRANCH") says little about who the party is.</summary>
    private const double LegalFormWeight = 0.1;

    private readonly WatchlistEntry[] _entries;
    private readonly ListedName[] _names;
    private readonly string[] _tokens;
    private readonly double[] _weights;
    private readonly int[][] _postings;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _tokenLookup;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _deletionLookup;
    private readonly Dictionary<string, int[]> _identifiers;
    private readonly double _unknownTokenWeight;
    private readonly ThreadLocal<Scratch> _scratch;

    private ScreeningIndex(WatchlistEntry[] entries)
    {
        _entries = entries;
        var names = new List<ListedName>();
        var tokenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokens = new List<string>();
        var postings = new List<List<int>>();
        for (var e = 0; e < entries.Length; e++)
        {
            var entry = entries[e];
            AddName(e, entry.Name, alias: false);
            foreach (var alias in entry.Aliases)
            {
                AddName(e, alias, alias: true);
            }
        }
        _names = [.. names];
        _tokens = [.. tokens];
        _postings = [.. postings.Select(p => p.ToArray())];
        var nameCount = Math.Max(1, _names.Length);
        _weights = [.. _postings.Select((p, t) => Weight(nameCount, p.Length) * (NameNormaliser.IsLegalForm(_tokens[t]) ? LegalFormWeight : 1))];
        _unknownTokenWeight = Weight(nameCount, 1);
        _tokenLookup = tokenIds.GetAlternateLookup<ReadOnlySpan<char>>();
        _deletionLookup = BuildDeletions(_tokens).GetAlternateLookup<ReadOnlySpan<char>>();
        _identifiers = BuildIdentifiers(entries);
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(_names.Length));

        void AddName(int entry, string text, bool alias)
        {
            var normalised = NameNormaliser.Tokens(text);
            if (normalised.Length == 0)
            {
                return;
            }
            var nameId = names.Count;
            var ids = new int[normalised.Length];
            for (var i = 0; i < normalised.Length; i++)
            {
                if (!tokenIds.TryGetValue(normalised[i], out var id))
                {
                    id = tokens.Count;
                    tokenIds.Add(normalised[i], id);
                    tokens.Add(normalised[i]);
                    postings.Add([]);
                }
                ids[i] = id;
                var posting = postings[id];
                if (posting.Count == 0 || posting[^1] != nameId)
                {
                    posting.Add(nameId);
                }
            }
            names.Add(new ListedName(entry, text, alias, ids));
        }
    }

    /// <summary>How many entries the index holds.</summary>
    public int EntryCount => _entries.Length;

    /// <summary>How many names (primary names and aliases) the index holds.</summary>
    public int NameCount => _names.Length;

    /// <summary>The indexed entries, in the order given.</summary>
    public IReadOnlyList<WatchlistEntry> Entries => _entries;

    /// <summary>Builds the index of these entries' names, aliases and identifiers.</summary>
    public static ScreeningIndex Build(IEnumerable<WatchlistEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new ScreeningIndex([.. entries]);
    }

    /// <summary>Screens one name: hits best first, with the listed name or alias and the tokens that matched.</summary>
    public ScreeningResult Screen(string name, ScreeningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        options ??= ScreeningOptions.Default;
        var query = NameNormaliser.Tokens(name);
        var scratch = _scratch.Value!;
        var readings = Readings(query);
        var best = new List<(int Name, double Score, int Reading)>();
        var slots = readings.Count == 1 ? null : new Dictionary<int, int>();
        for (var r = 0; r < readings.Count; r++)
        {
            foreach (var (nameId, score) in Candidates(readings[r], options, scratch))
            {
                if (slots is null)
                {
                    best.Add((nameId, score, r));
                }
                else if (slots.TryGetValue(_names[nameId].Entry, out var slot))
                {
                    if (best[slot].Score < score)
                    {
                        best[slot] = (nameId, score, r);
                    }
                }
                else
                {
                    slots[_names[nameId].Entry] = best.Count;
                    best.Add((nameId, score, r));
                }
            }
        }
        if (best.Count == 0)
        {
            return new ScreeningResult(name, [], false);
        }
        best.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        var normalisedParty = options.AllowList is null ? "" : string.Join(' ', query);
        var hits = new List<ScreeningHit>(Math.Min(best.Count, options.MaxHits));
        var alert = false;
        var prepared = readings.Count - 1;
        foreach (var (nameId, score, reading) in best)
        {
            if (hits.Count == options.MaxHits)
            {
                break;
            }
            if (reading != prepared)
            {
                Prepare(readings[reading], scratch, accumulate: false);
                prepared = reading;
            }
            var listed = _names[nameId];
            var entry = _entries[listed.Entry];
            var allowed = options.AllowList?.Find(normalisedParty, entry.List, entry.Id);
            alert |= allowed is null && score >= options.AlertThreshold;
            hits.Add(Explain(readings[reading], scratch, listed, entry, score, allowed));
        }
        return new ScreeningResult(name, hits, alert);
    }

    /// <summary>The best score of a name against the lists (allow-list ignored), without building explanations: the fast path for bulk scoring.</summary>
    public double BestScore(string name, ScreeningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        options ??= ScreeningOptions.Default;
        var scratch = _scratch.Value!;
        var best = 0.0;
        foreach (var reading in Readings(NameNormaliser.Tokens(name)))
        {
            foreach (var (_, score) in Candidates(reading, options, scratch))
            {
                best = Math.Max(best, score);
            }
        }
        return best;
    }

    /// <summary>
    /// The query as written, then, where listed tokens allow it, the query with its words joined ("abdul rahman" → "abdulrahman")
    /// and with its words split ("alhasan" → "al hasan"): names transliterated from Arabic, Korean or Chinese are written both ways.
    /// </summary>
    private List<string[]> Readings(string[] query)
    {
        var readings = new List<string[]>(1) { query };
        if (query.Length > MaxQueryTokens)
        {
            return readings;
        }
        Span<char> buffer = stackalloc char[128];
        List<string>? joined = null;
        for (var i = 0; i < query.Length; i++)
        {
            var length = i + 1 < query.Length ? query[i].Length + query[i + 1].Length : 0;
            if (length is >= 5 and <= 128)
            {
                query[i].CopyTo(buffer);
                query[i + 1].CopyTo(buffer[query[i].Length..]);
                if (_tokenLookup.TryGetValue(buffer[..length], out var token))
                {
                    joined ??= [.. query[..i]];
                    joined.Add(_tokens[token]);
                    i++;
                    continue;
                }
            }
            joined?.Add(query[i]);
        }
        if (joined is not null)
        {
            readings.Add([.. joined]);
        }
        List<string>? split = null;
        for (var i = 0; i < query.Length; i++)
        {
            var token = query[i];
            if (token.Length >= 5)
            {
                for (var k = 2; k <= token.Length - 2; k++)
                {
                    if (_tokenLookup.TryGetValue(token.AsSpan(0, k), out var left) && _tokenLookup.TryGetValue(token.AsSpan(k), out var right))
                    {
                        split ??= [.. query[..i]];
                        split.Add(_tokens[left]);
                        split.Add(_tokens[right]);
                        token = null;
                        break;
                    }
                }
            }
            if (token is not null)
            {
                split?.Add(token);
            }
        }
        if (split is not null && split.Count <= MaxQueryTokens)
        {
            readings.Add([.. split]);
        }
        return readings;
    }

    /// <summary>Entries that list this identifier exactly (ignoring case, spaces, dashes and dots); of any scheme when <paramref name="scheme"/> is null.</summary>
    /// <remarks>IMO numbers match with or without their "IMO" prefix.</remarks>
    public IReadOnlyList<IdentifierHit> ScreenIdentifier(string? scheme, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var key = IdentifierKey.Of(scheme, value);
        if (!_identifiers.TryGetValue(key, out var entryIds))
        {
            return [];
        }
        var hits = new List<IdentifierHit>(entryIds.Length);
        foreach (var e in entryIds)
        {
            var entry = _entries[e];
            foreach (var id in entry.Identifiers)
            {
                if (string.Equals(IdentifierKey.Of(scheme is null ? null : id.Scheme, id.Value), key, StringComparison.Ordinal))
                {
                    hits.Add(new IdentifierHit(entry, id));
                    break;
                }
            }
        }
        return hits;
    }

    /// <summary>The best-scoring name of each entry at or above the minimum score; the list is the thread's scratch.</summary>
    private List<(int Name, double Score)> Candidates(string[] query, ScreeningOptions options, Scratch scratch)
    {
        scratch.Results.Clear();
        var count = Math.Min(query.Length, MaxQueryTokens);
        if (count == 0 || _names.Length == 0)
        {
            return scratch.Results;
        }
        var totalWeight = Prepare(query, scratch, accumulate: true);
        // The bound counts each screened token at its best similarity and ignores listed tokens left out: no name below it can reach MinScore.
        var floor = (options.MinScore * totalWeight) - 1e-9;
        var bestOfEntry = scratch.BestOfEntry;
        bestOfEntry.Clear();
        foreach (var nameId in scratch.Touched)
        {
            if (scratch.Bound[nameId] < floor)
            {
                continue;
            }
            var listed = _names[nameId];
            if (options.List is not null && !string.Equals(_entries[listed.Entry].List, options.List, StringComparison.Ordinal))
            {
                continue;
            }
            var score = Score(count, listed, scratch);
            if (score < options.MinScore)
            {
                continue;
            }
            if (bestOfEntry.TryGetValue(listed.Entry, out var slot))
            {
                if (scratch.Results[slot].Score < score)
                {
                    scratch.Results[slot] = (nameId, score);
                }
            }
            else
            {
                bestOfEntry[listed.Entry] = scratch.Results.Count;
                scratch.Results.Add((nameId, score));
            }
        }
        return scratch.Results;
    }

    /// <summary>Finds each screened token's listed neighbours and weight; with <paramref name="accumulate"/>, also each reached name's bound.</summary>
    private double Prepare(string[] query, Scratch scratch, bool accumulate)
    {
        var count = Math.Min(query.Length, MaxQueryTokens);
        if (accumulate)
        {
            scratch.NextQuery();
        }
        var totalWeight = 0.0;
        for (var q = 0; q < count; q++)
        {
            var neighbours = scratch.Neighbours(q);
            Neighbours(query[q], neighbours);
            // A token weighs what the listed token it resembles most weighs, so a misspelt rare surname stays rare;
            // a token found nowhere in the lists weighs most of all.
            var weight = neighbours.Count > 0 ? _weights[neighbours[0].Token]
                : NameNormaliser.IsLegalForm(query[q]) ? _unknownTokenWeight * LegalFormWeight
                : _unknownTokenWeight;
            scratch.QueryWeights[q] = weight;
            totalWeight += weight;
            if (!accumulate)
            {
                continue;
            }
            foreach (var (token, similarity) in neighbours)
            {
                foreach (var nameId in _postings[token])
                {
                    scratch.Add(nameId, q, weight * similarity);
                }
            }
        }
        scratch.TotalWeight = totalWeight;
        return totalWeight;
    }

    /// <summary>Listed tokens equal to or within one edit of a screened token, most similar first.</summary>
    private void Neighbours(string token, List<(int Token, double Similarity)> into)
    {
        into.Clear();
        if (!_tokenLookup.TryGetValue(token, out var exact))
        {
            exact = -1;
        }
        else
        {
            into.Add((exact, 1));
        }
        // A short token still finds the listed tokens it is one letter short of ("rez" for "reza"): deletions of the
        // listed side are keys down to that length. Its own deletions would be too short to tell names apart.
        if (token.Length >= MinFuzzyLength - 1)
        {
            AddDeletionNeighbours(token, token, exact, into);
        }
        if (token.Length >= MinFuzzyLength)
        {
            Span<char> buffer = stackalloc char[token.Length];
            for (var skip = 0; skip < token.Length; skip++)
            {
                if (skip > 0 && token[skip] == token[skip - 1])
                {
                    continue;
                }
                token.AsSpan(0, skip).CopyTo(buffer);
                token.AsSpan(skip + 1).CopyTo(buffer[skip..]);
                AddDeletionNeighbours(token, buffer[..(token.Length - 1)], exact, into);
            }
        }
        if (into.Count > 1)
        {
            into.Sort(static (a, b) => b.Similarity.CompareTo(a.Similarity));
        }
    }

    private void AddDeletionNeighbours(string token, ReadOnlySpan<char> key, int exact, List<(int Token, double Similarity)> into)
    {
        if (!_deletionLookup.TryGetValue(key, out var candidates))
        {
            return;
        }
        foreach (var candidate in candidates)
        {
            if (candidate == exact || IndexOf(into, candidate) >= 0)
            {
                continue;
            }
            var similarity = JaroWinkler.Similarity(token, _tokens[candidate]);
            if (similarity >= MinTokenSimilarity)
            {
                into.Add((candidate, similarity));
            }
        }
    }

    private static int IndexOf(List<(int Token, double Similarity)> list, int token)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Token == token)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Weighted token-set similarity of the current query and one listed name: greedy one-to-one pairing, best pairs first.</summary>
    /// <remarks>Leaves the chosen pairs in <see cref="Scratch.Chosen"/> for the explanation.</remarks>
    private double Score(int count, ListedName listed, Scratch scratch)
    {
        var pairs = scratch.Pairs;
        pairs.Clear();
        var ids = listed.Tokens;
        for (var q = 0; q < count; q++)
        {
            var neighbours = scratch.Neighbours(q);
            for (var n = 0; n < ids.Length; n++)
            {
                var at = IndexOf(neighbours, ids[n]);
                if (at >= 0)
                {
                    pairs.Add((q, n, neighbours[at].Similarity));
                }
            }
        }
        if (pairs.Count > 1)
        {
            pairs.Sort(static (a, b) => b.Similarity.CompareTo(a.Similarity));
        }
        var chosen = scratch.Chosen;
        chosen.Clear();
        ulong queryUsed = 0;
        ulong listedUsed = 0;
        var matched = 0.0;
        foreach (var pair in pairs)
        {
            var (q, n, similarity) = pair;
            if ((queryUsed & (1UL << q)) != 0 || (n < 64 && (listedUsed & (1UL << n)) != 0))
            {
                continue;
            }
            queryUsed |= 1UL << q;
            if (n < 64)
            {
                listedUsed |= 1UL << n;
            }
            chosen.Add(pair);
            matched += similarity * scratch.QueryWeights[q];
        }
        var leftOut = 0.0;
        for (var n = 0; n < ids.Length; n++)
        {
            if (n >= 64 || (listedUsed & (1UL << n)) == 0)
            {
                leftOut += _weights[ids[n]];
            }
        }
        return matched / (scratch.TotalWeight + (UnmatchedListedTokenCost * leftOut));
    }

    private ScreeningHit Explain(string[] query, Scratch scratch, ListedName listed, WatchlistEntry entry, double score, AllowListEntry? allowed)
    {
        Score(Math.Min(query.Length, MaxQueryTokens), listed, scratch);
        var matches = new List<TokenMatch>(scratch.Chosen.Count);
        var used = new bool[query.Length];
        foreach (var (q, n, similarity) in scratch.Chosen)
        {
            used[q] = true;
            matches.Add(new TokenMatch(query[q], _tokens[listed.Tokens[n]], Math.Round(similarity, 4)));
        }
        var unmatched = new List<string>();
        for (var q = 0; q < query.Length; q++)
        {
            if (!used[q])
            {
                unmatched.Add(query[q]);
            }
        }
        return new ScreeningHit(entry, listed.Text, listed.Alias, Math.Round(score, 4), matches, unmatched, allowed);
    }

    private static double Weight(int names, int documentFrequency) => Math.Log(1 + ((double)names / documentFrequency));

    private static Dictionary<string, int[]> BuildDeletions(string[] tokens)
    {
        var deletions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            if (token.Length < MinFuzzyLength - 1)
            {
                continue;
            }
            // The token itself is a key too, so that a screened token with one extra letter finds it.
            Add(token, t);
            if (token.Length < MinFuzzyLength)
            {
                continue;
            }
            for (var skip = 0; skip < token.Length; skip++)
            {
                Add(string.Concat(token.AsSpan(0, skip), token.AsSpan(skip + 1)), t);
            }
        }
        return deletions.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

        void Add(string key, int token)
        {
            if (!deletions.TryGetValue(key, out var list))
            {
                deletions[key] = list = [];
            }
            if (list.Count == 0 || list[^1] != token)
            {
                list.Add(token);
            }
        }
    }

    private static Dictionary<string, int[]> BuildIdentifiers(WatchlistEntry[] entries)
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var e = 0; e < entries.Length; e++)
        {
            foreach (var id in entries[e].Identifiers)
            {
                Add(IdentifierKey.Of(id.Scheme, id.Value), e);
                Add(IdentifierKey.Of(null, id.Value), e);
            }
        }
        return index.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

        void Add(string key, int entry)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }
            if (list.Count == 0 || list[^1] != entry)
            {
                list.Add(entry);
            }
        }
    }

    /// <summary>One primary name or alias of an entry, as token ids.</summary>
    private sealed record ListedName(int Entry, string Text, bool Alias, int[] Tokens);
}
