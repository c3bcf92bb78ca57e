using OpenCts.Domain.Watchlists;

namespace OpenCts.Screening.Matching;

/// <summary>Confirmed false positives, looked up by party name (normalised), list and entry.</summary>
/// <remarks>
/// A decision covers one party and one entry only: the same party still alerts on any other entry,
/// and another party with a similar name still alerts on this entry.
/// </remarks>
public sealed class AllowList
{
    private readonly Dictionary<(string Party, string List, string Entry), AllowListEntry> _decisions = [];

    public AllowList(IEnumerable<AllowListEntry> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        foreach (var decision in decisions)
        {
            // A later decision on the same pair replaces an earlier one.
            _decisions[(NameNormaliser.Normalise(decision.PartyName), decision.List, decision.EntryId)] = decision;
        }
    }

    public int Count => _decisions.Count;

    /// <summary>The decision that this party is not that entry, or null.</summary>
    public AllowListEntry? Find(string normalisedParty, string list, string entryId) =>
        _decisions.GetValueOrDefault((normalisedParty, list, entryId));
}
