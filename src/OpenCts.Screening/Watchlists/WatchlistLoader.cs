using OpenCts.Domain.Watchlists;

namespace OpenCts.Screening.Watchlists;

/// <summary>Everything read from a folder or file of watch lists: the entries, where each list came from, and what was skipped.</summary>
/// <param name="Entries">The entries of every list read, in file order.</param>
/// <param name="Sources">For each list read, the files it came from.</param>
/// <param name="Notes">One line for each file or row skipped, and why.</param>
public sealed record WatchlistLoad(IReadOnlyList<WatchlistEntry> Entries, IReadOnlyDictionary<string, string> Sources, IReadOnlyList<string> Notes)
{
    /// <summary>The entries grouped by list, in the order the lists were met.</summary>
    public IEnumerable<IGrouping<string, WatchlistEntry>> ByList() => Entries.GroupBy(e => e.List, StringComparer.Ordinal);
}

/// <summary>Loads watch lists from a folder or a file, recognising each file's format by its content.</summary>
/// <remarks>
/// Either the whole load succeeds or it throws <see cref="WatchlistFormatException"/> naming the place of the first fault:
/// nothing is returned half-read. Files of unknown format in a folder are skipped with a note (the folder of the reference data
/// also holds the Consolidated Screening List and the Denied Persons List, which are not read yet).
/// </remarks>
public static class WatchlistLoader
{
    public static WatchlistLoad Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var notes = new List<string>();
        string[] files;
        if (Directory.Exists(path))
        {
            files = [.. Directory.EnumerateFiles(path).Order(StringComparer.Ordinal)];
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new FileNotFoundException($"no watch-list file or folder at {path}", path);
        }
        var detected = files.Select(f => (Path: f, Format: WatchlistFormats.Detect(f))).ToList();
        var entries = new List<WatchlistEntry>();
        var sources = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var ofac = detected.Where(d => d.Format is WatchlistFormat.OfacPrimary or WatchlistFormat.OfacAliases or WatchlistFormat.OfacAddresses or WatchlistFormat.OfacComments).ToList();
        if (ofac.Count > 0)
        {
            entries.AddRange(OfacReader.Read(ofac, notes, sources));
        }
        foreach (var (file, format) in detected)
        {
            IReadOnlyList<WatchlistEntry> read;
            switch (format)
            {
                case WatchlistFormat.UnConsolidatedXml:
                    read = UnConsolidatedReader.Read(file);
                    break;
                case WatchlistFormat.OwnCsv:
                    read = OwnCsvReader.Read(file);
                    break;
                case WatchlistFormat.OwnJson:
                    read = OwnJsonReader.Read(file);
                    break;
                case WatchlistFormat.Unknown:
                    if (files.Length == 1)
                    {
                        throw new WatchlistFormatException(file, 1, 1, "not a watch-list format OpenCTS reads (OFAC CSV, UN consolidated XML, or our own CSV or JSON)");
                    }
                    notes.Add($"{Path.GetFileName(file)}: not a watch-list format OpenCTS reads, skipped");
                    continue;
                default:
                    continue;
            }
            entries.AddRange(read);
            foreach (var list in read.Select(e => e.List).Distinct(StringComparer.Ordinal))
            {
                Source(list).Add(Path.GetFileName(file));
            }
        }
        return new WatchlistLoad(entries, sources.ToDictionary(p => p.Key, p => string.Join(", ", p.Value.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), StringComparer.Ordinal), notes);

        List<string> Source(string list)
        {
            if (!sources.TryGetValue(list, out var files))
            {
                sources[list] = files = [];
            }
            return files;
        }
    }
}
