using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;

namespace OpenCts.Screening.Matching;

/// <summary>Screens every party of a consignment against the watch lists: names by similarity, identifiers, vessel IMO and containers exactly.</summary>
/// <remarks>
/// The cheap best-score pass runs first; the explained screening (with the allow-list) runs only for names that
/// reach the alert threshold, so ordinary consignments cost one index lookup per party. Best scores are kept by name
/// (and list) for as long as this screening serves (<see cref="BoundedMemo{TKey, TValue}"/>): the index and the options
/// do not change under it, and regular traders' names come back consignment after consignment.
/// </remarks>
public sealed class PartyScreening : IPartyScreening
{
    private readonly ScreeningIndex _index;
    private readonly ScreeningOptions _options;
    private readonly double _weight;
    private readonly Dictionary<string, ScreeningOptions> _perList = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly BoundedMemo<(string? List, string Name), double> _bestScores = new(MemoCapacity);

    /// <param name="index">The watch lists.</param>
    /// <param name="allowList">Confirmed false positives.</param>
    /// <param name="weight">Score a hit adds, times its similarity.</param>
    /// <param name="alertThreshold">Similarity at which a name hit becomes a reason.</param>
    public PartyScreening(ScreeningIndex index, AllowList allowList, double weight, double alertThreshold = ScreeningOptions.DefaultAlertThreshold)
    {
        _index = index;
        _weight = weight;
        _options = new ScreeningOptions(AlertThreshold: alertThreshold, MinScore: alertThreshold, MaxHits: 3, AllowList: allowList);
    }

    /// <summary>How many names' best scores are kept at most, about 3 MB.</summary>
    public const int MemoCapacity = 16_384;

    /// <summary>How many listed entries are screened against.</summary>
    public int Entries => _index.EntryCount;

    public void Screen(Consignment consignment, List<Reason> reasons)
    {
        foreach (var party in consignment.Parties)
        {
            if (Best(party.Name, null, _options) >= _options.AlertThreshold)
            {
                var result = _index.Screen(party.Name, _options);
                if (result.Alert && result.Hits.FirstOrDefault(h => h.AllowedBy is null) is { } hit)
                {
                    reasons.Add(new Reason(
                        ReasonKind.Watchlist,
                        $"{hit.List}:{hit.EntryId}",
                        $"{RoleName(party.Role)} matches '{hit.Entry.Name}'",
                        Math.Round(_weight * hit.Score, 1),
                        hit.Explain(),
                        [new Evidence($"screen({RoleName(party.Role)}, \"{hit.List}\")", $"{RoleName(party.Role)}.name", party.Name)]));
                }
            }
            foreach (var id in party.Identifiers)
            {
                AddIdentifierHits(reasons, _index.ScreenIdentifier(id.Scheme, id.Value), $"{RoleName(party.Role)}.{id.Scheme.ToLowerInvariant()}", id.Value);
            }
        }
        if (consignment.Conveyance?.Imo is { } imo)
        {
            AddIdentifierHits(reasons, _index.ScreenIdentifier("IMO", imo.Value), "conveyance.imo", imo.Value);
        }
        foreach (var equipment in consignment.Equipment)
        {
            AddIdentifierHits(reasons, _index.ScreenIdentifier("CONTAINER", equipment.ContainerNumber.Value), "equipment.container", equipment.ContainerNumber.Value);
        }
    }

    public double BestScore(Party party, string? list)
    {
        if (list is null)
        {
            return Best(party.Name, null, _options);
        }
        ScreeningOptions options;
        lock (_gate)
        {
            if (!_perList.TryGetValue(list, out options!))
            {
                _perList[list] = options = _options with { List = list, MinScore = 0.5 };
            }
        }
        return Best(party.Name, list, options);
    }

    private double Best(string name, string? list, ScreeningOptions options) =>
        _bestScores.Get((list, name), (_index, options), static (key, state) => state._index.BestScore(key.Name, state.options));

    private void AddIdentifierHits(List<Reason> reasons, IReadOnlyList<IdentifierHit> hits, string field, string value)
    {
        foreach (var hit in hits)
        {
            reasons.Add(new Reason(
                ReasonKind.Watchlist,
                $"{hit.Entry.List}:{hit.Entry.Id}",
                $"{field} is listed for '{hit.Entry.Name}'",
                _weight,
                $"{hit.Entry.List} {hit.Entry.Id}: {hit.Identifier} matches exactly",
                [new Evidence("identifier on a watch list", field, value)]));
        }
    }

    private static string RoleName(PartyRole role) => role switch
    {
        PartyRole.NotifyParty => "notify",
        _ => Domain.Serialization.JsonNames.Camel(role.ToString()),
    };
}
