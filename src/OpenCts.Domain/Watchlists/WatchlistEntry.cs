using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;

namespace OpenCts.Domain.Watchlists;

/// <summary>What kind of subject a watch-list entry names.</summary>
public enum SubjectKind
{
    Unknown,
    Person,
    Organisation,
    Vessel,
    Aircraft,
}

/// <summary>One listed subject of a watch list (a sanctions list, a national list, an analyst's own list).</summary>
/// <param name="List">The list's name, such as <c>ofac-sdn</c> or <c>un-consolidated</c>.</param>
/// <param name="Id">The entry's reference in its list: the OFAC <c>ent_num</c>, the UN reference number.</param>
/// <param name="Kind">Person, organisation, vessel or aircraft.</param>
/// <param name="Name">The primary name as listed.</param>
/// <param name="Aliases">Other names the subject is known by (a.k.a., f.k.a.).</param>
/// <param name="Addresses">Addresses as listed, one per line.</param>
/// <param name="Countries">Countries named by the entry, as listed.</param>
/// <param name="Identifiers">Identifiers to match exactly: IMO numbers, container numbers, TINs, passports.</param>
/// <param name="Programs">The sanctions programmes or the reason for listing.</param>
/// <param name="Remarks">The list's remarks on the entry.</param>
public sealed record WatchlistEntry(
    string List,
    string Id,
    SubjectKind Kind,
    string Name,
    ValueList<string> Aliases = default,
    ValueList<string> Addresses = default,
    ValueList<string> Countries = default,
    ValueList<PartyIdentifier> Identifiers = default,
    string? Programs = null,
    string? Remarks = null);

/// <summary>A confirmed false positive: this party is not that listed entry, as an officer decided.</summary>
/// <param name="PartyName">The party's name as it appears on consignments.</param>
/// <param name="List">The list of the entry.</param>
/// <param name="EntryId">The entry the party was confused with.</param>
/// <param name="DecidedBy">Who confirmed it.</param>
/// <param name="Why">Why the party is not the entry.</param>
/// <param name="DecidedAt">When.</param>
public sealed record AllowListEntry(string PartyName, string List, string EntryId, string DecidedBy, string Why, DateTimeOffset DecidedAt);
