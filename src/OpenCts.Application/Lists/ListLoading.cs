using OpenCts.Application.Engine;
using OpenCts.Domain.Watchlists;
using OpenCts.Screening.Watchlists;
using OpenCts.Storage;
using OpenCts.Storage.Watchlists;
using OpenCts.Targeting.Catalog;

namespace OpenCts.Application.Lists;

/// <summary>Loads watch lists, named reference lists and the trusted-trader register into the store as new versions, journaled, and puts them in force.</summary>
public sealed class ListLoading(ICtsStore store, TargetingEngineHost engines)
{
    /// <summary>Loads every watch list found at a path (OFAC SDN and consolidated, UN XML, OpenCTS CSV/JSON) as a new version of each.</summary>
    /// <exception cref="WatchlistFormatException">A file cannot be read; nothing is stored.</exception>
    public async Task<(WatchlistLoad Load, IReadOnlyList<WatchlistChange> Changes)> LoadWatchlistsAsync(string path, CancellationToken cancellationToken)
    {
        var load = WatchlistLoader.Load(path);
        var changes = await ReplaceWatchlistsAsync(load, path, cancellationToken).ConfigureAwait(false);
        return (load, changes);
    }

    /// <summary>Stores lists read elsewhere (a download) as a new version of each, and refreshes the engine.</summary>
    public async Task<IReadOnlyList<WatchlistChange>> ReplaceWatchlistsAsync(WatchlistLoad load, string source, CancellationToken cancellationToken)
    {
        var lists = load.ByList()
            .Select(list => new LoadedList(list.Key, load.Sources.GetValueOrDefault(list.Key, source), (IReadOnlyCollection<WatchlistEntry>)list.ToList()))
            .ToList();
        var changes = await store.Watchlists.ReplaceAsync(lists, cancellationToken).ConfigureAwait(false);
        await engines.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return changes;
    }

    /// <summary>Adds one entry to a watch list (an analyst's own list, or a list loaded before) as a new version of that list.</summary>
    /// <remarks>An entry with the id of one already in the list replaces it. A list refreshed from its publisher loses entries added by hand, so
    /// officers keep theirs in a list of their own.</remarks>
    /// <param name="entry">The entry; its <see cref="WatchlistEntry.List"/> names the list.</param>
    /// <param name="source">Who added it, kept as the new version's source.</param>
    /// <param name="cancellationToken">Stops before the list is stored.</param>
    public async Task<WatchlistChange> AddEntryAsync(WatchlistEntry entry, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Common.Fields.Required(entry.List, "list", 128);
        Common.Fields.Required(entry.Id, "id", 128);
        Common.Fields.Required(entry.Name, "name", 512);
        var entries = (await store.Watchlists.EntriesAsync(cancellationToken).ConfigureAwait(false))
            .Where(e => e.List == entry.List && e.Id != entry.Id)
            .Append(entry)
            .ToList();
        var changes = await store.Watchlists.ReplaceAsync([new LoadedList(entry.List, source, entries)], cancellationToken).ConfigureAwait(false);
        await engines.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return changes[0];
    }

    /// <summary>Saves a named reference list from a file (one value a line) as a new version.</summary>
    public async Task<VersionChange> LoadReferenceListAsync(string file, CancellationToken cancellationToken)
    {
        var (name, values) = ReferenceListFile.Load(file);
        var change = await store.Watchlists.SetReferenceListAsync(name, values, Path.GetFileName(file), cancellationToken).ConfigureAwait(false);
        await engines.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return change;
    }

    /// <summary>Saves the trusted-trader register from AEO files as a new version.</summary>
    public async Task<VersionChange> LoadTrustedTradersAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var traders = files.SelectMany(TrustedTraderFile.Load).ToList();
        var change = await store.Watchlists.ReplaceTrustedTradersAsync(traders, string.Join(", ", files.Select(Path.GetFileName)), cancellationToken).ConfigureAwait(false);
        await engines.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return change;
    }

    /// <summary>Allow-lists a confirmed false positive: the party is no longer screened against that entry. Journaled.</summary>
    public async Task AllowAsync(AllowListEntry entry, CancellationToken cancellationToken)
    {
        await store.Watchlists.AllowAsync(entry, cancellationToken).ConfigureAwait(false);
        await engines.RefreshAsync(cancellationToken).ConfigureAwait(false);
    }
}
