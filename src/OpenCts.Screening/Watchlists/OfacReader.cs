using System.Text;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Watchlists;
using OpenCts.Domain.Text;
using Sylvan.Data.Csv;

namespace OpenCts.Screening.Watchlists;

/// <summary>Reads the OFAC list files (primary records, aliases, addresses, continued remarks) into entries.</summary>
/// <remarks>
/// <para>The files carry no header and no list name. A primary file is the SDN list (<c>ofac-sdn</c>) unless most of its
/// entries carry the marks of the consolidated non-SDN lists (<c>ofac-cons</c>): the programmes NS-PLC, CMIC, 561-Related,
/// NS-MBS, NS-ISA, or a sectoral "Subject to Directive" remark.</para>
/// <para>An alias, address or remarks file belongs to the primary file with which it shares the most ent_num values,
/// so <c>alt.csv</c> and <c>cons_alt.csv</c> go to the right list whatever their names.</para>
/// </remarks>
public static class OfacReader
{
    public const string SdnList = "ofac-sdn";
    public const string ConsolidatedList = "ofac-cons";

    private static readonly string[] NonSdnMarks = ["NS-PLC", "CMIC", "561-Related", "NS-MBS", "NS-ISA", "Subject to Directive"];

    /// <summary>Reads one set of OFAC files: the primary files and the alias, address and remarks files that go with them.</summary>
    /// <param name="files">Each file with its detected format.</param>
    /// <param name="notes">Receives one line for each thing skipped, such as remarks of entries no longer listed.</param>
    /// <param name="sources">Receives, for each list read, the names of the files it came from.</param>
    public static IReadOnlyList<WatchlistEntry> Read(IReadOnlyList<(string Path, WatchlistFormat Format)> files, List<string> notes, Dictionary<string, List<string>> sources)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(sources);
        var primaries = new List<Dictionary<string, Builder>>();
        var primaryOrder = new List<List<Builder>>();
        var primaryFiles = new List<List<string>>();
        foreach (var (path, format) in files)
        {
            if (format == WatchlistFormat.OfacPrimary)
            {
                var builders = ReadPrimary(path);
                primaryOrder.Add(builders);
                primaries.Add(builders.ToDictionary(b => b.EntNum, StringComparer.Ordinal));
                primaryFiles.Add([Path.GetFileName(path)]);
            }
        }
        foreach (var (path, format) in files)
        {
            if (format is not (WatchlistFormat.OfacAliases or WatchlistFormat.OfacAddresses or WatchlistFormat.OfacComments))
            {
                continue;
            }
            var rows = ReadRows(path, format switch { WatchlistFormat.OfacAliases => 5, WatchlistFormat.OfacAddresses => 6, _ => 2 });
            if (primaries.Count == 0)
            {
                throw new WatchlistFormatException(path, "an OFAC alias, address or remarks file needs its primary list (sdn.csv or cons_prim.csv) loaded with it; load the folder");
            }
            var owner = primaries.MaxBy(p => rows.Count(r => p.ContainsKey(r.Fields[0])))!;
            primaryFiles[primaries.IndexOf(owner)].Add(Path.GetFileName(path));
            var orphans = 0;
            foreach (var row in rows)
            {
                if (!owner.TryGetValue(row.Fields[0], out var builder))
                {
                    orphans++;
                    continue;
                }
                var f = row.Fields;
                switch (format)
                {
                    case WatchlistFormat.OfacAliases:
                        if (Value(f[3]) is { } alias)
                        {
                            builder.Aliases.Add(alias);
                        }
                        break;
                    case WatchlistFormat.OfacAddresses:
                        var line = string.Join(", ", new[] { Value(f[2]), Value(f[3]), Value(f[4]) }.Where(v => v is not null));
                        if (line.Length > 0)
                        {
                            builder.Addresses.Add(line);
                        }
                        if (Value(f[4]) is { } country && !builder.Countries.Contains(country, StringComparer.OrdinalIgnoreCase))
                        {
                            builder.Countries.Add(country);
                        }
                        break;
                    default:
                        if (Value(f[1]) is { } more)
                        {
                            builder.Remarks = builder.Remarks is null ? more : builder.Remarks + more;
                        }
                        break;
                }
            }
            if (orphans > 0)
            {
                notes.Add($"{Path.GetFileName(path)}: {orphans} row(s) for ent_num values no loaded OFAC list holds, skipped");
            }
        }
        var entries = new List<WatchlistEntry>();
        for (var p = 0; p < primaryOrder.Count; p++)
        {
            var list = IsConsolidated(primaryOrder[p]) ? ConsolidatedList : SdnList;
            entries.AddRange(primaryOrder[p].Select(b => b.Build(list)));
            if (!sources.TryGetValue(list, out var files2))
            {
                sources[list] = files2 = [];
            }
            files2.AddRange(primaryFiles[p]);
        }
        return entries;
    }

    private static bool IsConsolidated(List<Builder> builders)
    {
        var marked = builders.Count(b => NonSdnMarks.Any(mark =>
            (b.Programs?.Contains(mark, StringComparison.OrdinalIgnoreCase) ?? false) || (b.Remarks?.Contains(mark, StringComparison.OrdinalIgnoreCase) ?? false)));
        return marked * 2 > builders.Count;
    }

    private static List<Builder> ReadPrimary(string path)
    {
        var builders = new List<Builder>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in ReadRows(path, 12))
        {
            var f = row.Fields;
            var name = Value(f[1]) ?? throw new WatchlistFormatException(path, row.Lines[1], 2, $"entry {f[0]} has no name");
            if (!seen.Add(f[0]))
            {
                throw new WatchlistFormatException(path, row.Lines[0], 1, $"ent_num {f[0]} is listed twice");
            }
            var kind = Value(f[2])?.ToLowerInvariant() switch
            {
                null => SubjectKind.Organisation,
                "individual" => SubjectKind.Person,
                "vessel" => SubjectKind.Vessel,
                "aircraft" => SubjectKind.Aircraft,
                var other => throw new WatchlistFormatException(path, row.Lines[2], 3, $"'{other}' is not an SDN type (individual, vessel, aircraft or -0-)"),
            };
            var builder = new Builder(f[0], name, kind) { Programs = Value(f[3]), Remarks = Value(f[11]) };
            if (Value(f[5]) is { } callSign && callSign.Length <= 64)
            {
                builder.Identifiers.Add(new PartyIdentifier("CALLSIGN", callSign));
            }
            if (Value(f[9]) is { } flag)
            {
                builder.Countries.Add(flag);
            }
            builders.Add(builder);
        }
        return builders;
    }

    private static List<Row> ReadRows(string path, int fieldCount)
    {
        var rows = new List<Row>();
        using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',' });
        var lines = new CsvLines(csv, hasHeader: false);
        while (lines.Read((line, column, e) => new WatchlistFormatException(path, line, column, "not valid CSV: " + e.Message)))
        {
            var count = csv.RowFieldCount;
            // OFAC files end with an end-of-file control character on a line of its own.
            if (count == 1 && csv.GetString(0).Trim().Trim('\u001a').Length == 0)
            {
                continue;
            }
            if (count != fieldCount)
            {
                var at = Math.Min(count, fieldCount);
                throw new WatchlistFormatException(path, lines.LineOf(at), at + 1, $"expected {fieldCount} fields, found {count}");
            }
            var fields = new string[count];
            var fieldLines = new int[count];
            for (var i = 0; i < count; i++)
            {
                fields[i] = csv.GetString(i).Trim();
                fieldLines[i] = lines.LineOf(i);
            }
            if (!int.TryParse(fields[0], out _))
            {
                throw new WatchlistFormatException(path, lines.Line, 1, $"ent_num '{fields[0]}' is not a number");
            }
            rows.Add(new Row(fieldLines, fields));
        }
        return rows;
    }

    /// <summary>The value of a field, null for OFAC's empty mark <c>-0-</c> and for blanks.</summary>
    private static string? Value(string field) => field.Length == 0 || field == "-0-" ? null : field;

    /// <summary>A record's fields, each with the line of the file it starts on.</summary>
    private sealed record Row(int[] Lines, string[] Fields);

    private sealed class Builder(string entNum, string name, SubjectKind kind)
    {
        public string EntNum { get; } = entNum;

        public List<string> Aliases { get; } = [];

        public List<string> Addresses { get; } = [];

        public List<string> Countries { get; } = [];

        public List<PartyIdentifier> Identifiers { get; } = [];

        public string? Programs { get; init; }

        public string? Remarks { get; set; }

        public WatchlistEntry Build(string list)
        {
            RemarkIdentifiers.AddTo(Remarks, Identifiers);
            return new WatchlistEntry(list, EntNum, kind, name, Aliases, Addresses, Countries, Identifiers, Programs, Remarks);
        }
    }
}
