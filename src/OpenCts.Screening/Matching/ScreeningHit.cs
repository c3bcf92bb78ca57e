using OpenCts.Domain.Common;
using OpenCts.Domain.Watchlists;

namespace OpenCts.Screening.Matching;

/// <summary>One token of the screened name paired with the listed token it matched.</summary>
/// <param name="QueryToken">The normalised token of the screened name.</param>
/// <param name="ListedToken">The normalised token of the listed name or alias.</param>
/// <param name="Similarity">Jaro-Winkler similarity of the two, 1 when equal.</param>
public sealed record TokenMatch(string QueryToken, string ListedToken, double Similarity);

/// <summary>A listed entry that a screened name resembles, with the name or alias it resembles most and why.</summary>
/// <param name="Entry">The listed entry.</param>
/// <param name="MatchedName">The listed name or alias that scored best, as listed.</param>
/// <param name="MatchedAlias">Whether <paramref name="MatchedName"/> is an alias rather than the primary name.</param>
/// <param name="Score">Similarity in 0..1.</param>
/// <param name="Matches">Which tokens of the screened name matched which listed tokens.</param>
/// <param name="UnmatchedQueryTokens">Tokens of the screened name that matched nothing in the listed name.</param>
/// <param name="AllowedBy">The allow-list decision that suppresses this hit, or null.</param>
public sealed record ScreeningHit(
    WatchlistEntry Entry,
    string MatchedName,
    bool MatchedAlias,
    double Score,
    ValueList<TokenMatch> Matches,
    ValueList<string> UnmatchedQueryTokens,
    AllowListEntry? AllowedBy = null)
{
    public string List => Entry.List;

    public string EntryId => Entry.Id;

    /// <summary>One line for an officer: which name matched, how well and on which tokens.</summary>
    public string Explain()
    {
        var pairs = string.Join(", ", Matches.Select(m => m.Similarity >= 1 ? m.QueryToken : $"{m.QueryToken}~{m.ListedToken} {m.Similarity:0.00}"));
        var via = MatchedAlias ? $"alias '{MatchedName}' of '{Entry.Name}'" : $"'{MatchedName}'";
        var unmatched = UnmatchedQueryTokens.Count == 0 ? "" : $"; unmatched: {string.Join(' ', UnmatchedQueryTokens)}";
        var allowed = AllowedBy is null ? "" : $"; allowed by {AllowedBy.DecidedBy}: {AllowedBy.Why}";
        return FormattableString.Invariant($"{Entry.List} {Entry.Id} {via} score {Score:0.000} on {pairs}{unmatched}{allowed}");
    }
}

/// <summary>The outcome of screening one name: hits best first and whether the best unsuppressed hit raises an alert.</summary>
/// <param name="Query">The name as given.</param>
/// <param name="Hits">Hits at or above the minimum score, best first; allowed hits stay in the list, marked.</param>
/// <param name="Alert">Whether an unsuppressed hit reaches the alert threshold.</param>
public sealed record ScreeningResult(string Query, IReadOnlyList<ScreeningHit> Hits, bool Alert)
{
    /// <summary>The best score of an unsuppressed hit, 0 when none.</summary>
    public double BestScore
    {
        get
        {
            foreach (var hit in Hits)
            {
                if (hit.AllowedBy is null)
                {
                    return hit.Score;
                }
            }
            return 0;
        }
    }
}

/// <summary>A listed entry that carries an identifier equal to the screened one.</summary>
/// <param name="Entry">The listed entry.</param>
/// <param name="Identifier">The identifier as listed.</param>
public sealed record IdentifierHit(WatchlistEntry Entry, Domain.Consignments.PartyIdentifier Identifier);
