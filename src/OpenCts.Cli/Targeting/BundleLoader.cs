using OpenCts.Cli.Common;
using OpenCts.Cli.Ingest;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Screening.Watchlists;
using OpenCts.Storage;
using OpenCts.Targeting.Catalog;
using Spectre.Console;

namespace OpenCts.Cli.Targeting;

/// <summary>Loads a bundle folder (profiles, watch lists, reference lists, trusted traders, messages) into the store.</summary>
/// <remarks>
/// A folder with none of the known subfolders is taken as messages alone; a file is taken as a message.
/// Configuration is loaded before messages, so the assessment that follows uses it.
/// </remarks>
internal static class BundleLoader
{
    private static readonly string[] MessageFolders = ["consignments", "messages"];

    /// <summary>Loads every path; returns the ingestion summary of their messages.</summary>
    public static MessageIngestion Load(CtsStore store, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var messageFiles = new List<string>();
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
            {
                messageFiles.Add(path);
                continue;
            }
            var known = MessageFolders.Concat(["profiles", "watchlists", "reference-lists", "trusted-traders"]).Any(f => Directory.Exists(Path.Combine(path, f)));
            if (!known)
            {
                messageFiles.AddRange(FileReceiver.Expand([path]));
                continue;
            }
            LoadReferenceLists(store, Path.Combine(path, "reference-lists"));
            LoadTrustedTraders(store, Path.Combine(path, "trusted-traders"));
            LoadWatchlists(store, Path.Combine(path, "watchlists"));
            LoadProfiles(store, Path.Combine(path, "profiles"));
            foreach (var folder in MessageFolders.Select(f => Path.Combine(path, f)).Where(Directory.Exists))
            {
                messageFiles.AddRange(FileReceiver.Expand([folder]));
            }
        }
        return MessageIngestion.Run(store, messageFiles, json: false, cancellationToken);
    }

    private static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, pattern).Order(StringComparer.Ordinal) : [];

    private static void LoadReferenceLists(CtsStore store, string folder)
    {
        foreach (var file in Files(folder, "*.txt"))
        {
            var (name, values) = ReferenceListFile.Load(file);
            store.Watchlists.SetReferenceList(name, values);
        }
    }

    private static void LoadTrustedTraders(CtsStore store, string folder)
    {
        var traders = Files(folder, "*.csv").SelectMany(TrustedTraderFile.Load).ToList();
        if (traders.Count > 0)
        {
            store.Watchlists.ReplaceTrustedTraders(traders);
        }
    }

    private static void LoadWatchlists(CtsStore store, string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }
        var load = WatchlistLoader.Load(folder);
        store.Watchlists.Replace(load.ByList()
            .Select(list => (list.Key, load.Sources.GetValueOrDefault(list.Key, folder), (IReadOnlyCollection<Domain.Watchlists.WatchlistEntry>)list.ToList()))
            .ToList());
    }

    private static void LoadProfiles(CtsStore store, string folder)
    {
        var saved = 0;
        var environment = Workspace.Environment(store);
        foreach (var file in Files(folder, "*.json"))
        {
            foreach (var profile in ProfileFile.Load(file))
            {
                Workspace.CheckProfile(profile, file, environment);
                store.Profiles.Save(profile);
                saved++;
            }
        }
        if (saved > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"Loaded {saved} risk profiles from {folder}.");
        }
    }
}
