using OpenCts.Domain.Traders;
using OpenCts.Domain.Watchlists;

namespace OpenCts.Storage.Watchlists;

/// <summary>One list as loaded: its name, where it came from, how many entries and when, and how many loads of it were stored (its version).</summary>
public sealed record WatchlistInfo(string List, string Source, int Entries, DateTimeOffset LoadedAt, int Version = 1);

/// <summary>One list of a load, with all its entries.</summary>
public sealed record LoadedList(string List, string Source, IReadOnlyCollection<WatchlistEntry> Entries);

/// <summary>What a new version of a list changed against the one before.</summary>
/// <param name="List">The list.</param>
/// <param name="Added">Entries whose id was not in the previous version.</param>
/// <param name="Removed">Entries of the previous version whose id is gone.</param>
/// <param name="Amended">Entries whose id stayed but whose content changed.</param>
/// <param name="Entries">Entries in the new version.</param>
public sealed record WatchlistChange(string List, int Added, int Removed, int Amended, int Entries);

/// <summary>What a new version of a named reference list or of the trusted-trader register changed.</summary>
public sealed record VersionChange(string Name, int Version, int Added, int Removed, bool Unchanged);

/// <summary>An officer's request to allow-list a false positive, waiting for a supervisor.</summary>
/// <param name="Id">The request, as the store numbers it.</param>
/// <param name="PartyName">The party's name as it appears on consignments.</param>
/// <param name="List">The list of the entry.</param>
/// <param name="EntryId">The entry the party was confused with.</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="Why">Why the party is not the entry.</param>
/// <param name="RequestedAt">When.</param>
public sealed record AllowListRequest(long Id, string PartyName, string List, string EntryId, string RequestedBy, string Why, DateTimeOffset RequestedAt);

/// <summary>Watch lists, the allow-list of confirmed false positives, named reference lists and trusted traders: all versioned and journaled.</summary>
/// <remarks>
/// Each load of a list, each version of a reference list or of the register, and each allow-list decision is kept and
/// journaled: an allow-list entry suppresses sanctions hits, so who allowed what, and when, must be provable.
/// </remarks>
public interface IWatchlistStore
{
    /// <summary>Replaces several lists loaded together with a new version of each, in one unit of work: all of them or none.</summary>
    /// <returns>What each new version added, removed and amended against the previous one.</returns>
    Task<IReadOnlyList<WatchlistChange>> ReplaceAsync(IReadOnlyList<LoadedList> lists, CancellationToken cancellationToken);

    /// <summary>Every entry of every list.</summary>
    Task<IReadOnlyList<WatchlistEntry>> EntriesAsync(CancellationToken cancellationToken);

    /// <summary>The loaded lists with their source and size.</summary>
    Task<IReadOnlyList<WatchlistInfo>> ListsAsync(CancellationToken cancellationToken);

    /// <summary>Adds a decision to the allow-list, journaled; a later decision on the same party, list and entry replaces it.</summary>
    Task AllowAsync(AllowListEntry entry, CancellationToken cancellationToken);

    /// <summary>Withdraws an allow-list decision, journaled; false when there was none.</summary>
    Task<bool> DisallowAsync(string partyName, string list, string entryId, string decidedBy, string why, CancellationToken cancellationToken);

    /// <summary>Records a request to allow-list a party against an entry, journaled; it is not in force until <see cref="DecideAllowRequestAsync"/> allows it.</summary>
    /// <returns>The request's id.</returns>
    /// <exception cref="StoreConflictException">The party is already allow-listed against the entry, or a request for it is waiting (checked inside the write, so two requests at once keep one).</exception>
    Task<long> RequestAllowAsync(AllowListEntry request, CancellationToken cancellationToken);

    /// <summary>The requests no decision has answered yet, oldest first.</summary>
    Task<IReadOnlyList<AllowListRequest>> AllowRequestsAsync(CancellationToken cancellationToken);

    /// <summary>Answers a pending request, journaled: allowing puts the party on the allow-list, refusing closes the request.</summary>
    /// <returns>The request answered, or null when there is no such pending request.</returns>
    Task<AllowListRequest?> DecideAllowRequestAsync(long id, bool allow, string decidedBy, string why, CancellationToken cancellationToken);

    /// <summary>The allow-list in force.</summary>
    Task<IReadOnlyList<AllowListEntry>> AllowListAsync(CancellationToken cancellationToken);

    /// <summary>Saves a new version of a named reference list (such as <c>high-risk-origins</c>), journaled, unless it is unchanged.</summary>
    Task<VersionChange> SetReferenceListAsync(string name, IReadOnlyCollection<string> values, string source, CancellationToken cancellationToken);

    /// <summary>The latest version of every named reference list.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ReferenceListsAsync(CancellationToken cancellationToken);

    /// <summary>Saves a new version of the trusted-trader register, journaled, unless it is unchanged.</summary>
    Task<VersionChange> ReplaceTrustedTradersAsync(IReadOnlyCollection<TrustedTrader> traders, string source, CancellationToken cancellationToken);

    /// <summary>The trusted-trader register in force.</summary>
    Task<IReadOnlyList<TrustedTrader>> TrustedTradersAsync(CancellationToken cancellationToken);
}
