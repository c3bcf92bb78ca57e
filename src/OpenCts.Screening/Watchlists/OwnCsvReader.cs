using System.Text;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Watchlists;
using OpenCts.Domain.Text;
using Sylvan.Data.Csv;

namespace OpenCts.Screening.Watchlists;

/// <summary>Reads our own CSV layout of a watch list (docs/watchlists.md): a header row, then one entry a row; several values in a field are separated by <c>|</c>.</summary>
public static class OwnCsvReader
{
    private static readonly string[] Columns = ["list", "id", "kind", "name", "aliases", "addresses", "countries", "identifiers", "programs", "remarks"];

    public static IReadOnlyList<WatchlistEntry> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
        var header = CsvHeader.Of(csv, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Names.Count; i++)
        {
            if (!Columns.Contains(header.Names[i].ToLowerInvariant()))
            {
                throw new WatchlistFormatException(path, 1, i + 1, $"unknown column '{csv.GetName(i)}'; the columns are {string.Join(", ", Columns)}");
            }
        }
        if (header.FirstRepeated() is { } repeated)
        {
            throw new WatchlistFormatException(path, 1, repeated.Ordinal + 1, $"column '{repeated.Name.ToLowerInvariant()}' appears twice");
        }
        if (header.FirstMissing(["list", "id", "name"]) is { } missing)
        {
            throw new WatchlistFormatException(path, 1, 1, $"the header has no '{missing}' column");
        }
        var ordinals = Columns.Where(c => header.IndexOf(c) >= 0).ToDictionary(c => c, header.IndexOf, StringComparer.Ordinal);
        var entries = new List<WatchlistEntry>();
        var seen = new HashSet<(string, string)>();
        var lines = new CsvLines(csv, hasHeader: true);
        while (lines.Read((line, column, e) => new WatchlistFormatException(path, line, column, "not valid CSV: " + e.Message)))
        {
            if (csv.RowFieldCount != csv.FieldCount)
            {
                var at = Math.Min(csv.RowFieldCount, csv.FieldCount);
                throw new WatchlistFormatException(path, lines.LineOf(at), at + 1, $"expected {csv.FieldCount} fields as in the header, found {csv.RowFieldCount}");
            }
            string Field(string column) => ordinals.TryGetValue(column, out var at) ? csv.GetString(at).Trim() : "";
            WatchlistFormatException Fault(string column, string problem) => new(path, lines.LineOf(ordinals[column]), ordinals[column] + 1, problem);
            var list = Field("list");
            var id = Field("id");
            var name = Field("name");
            if (list.Length == 0)
            {
                throw Fault("list", "list is empty");
            }
            if (id.Length == 0)
            {
                throw Fault("id", "id is empty");
            }
            if (name.Length == 0)
            {
                throw Fault("name", "name is empty");
            }
            if (!seen.Add((list, id)))
            {
                throw Fault("id", $"entry {id} of list {list} appears twice");
            }
            var kind = OwnEntryFields.Kind(Field("kind"))
                ?? throw Fault("kind", $"'{Field("kind")}' is not a kind (person, organisation, vessel, aircraft)");
            var identifiers = new List<PartyIdentifier>();
            foreach (var item in Values(Field("identifiers")))
            {
                var colon = item.IndexOf(':', StringComparison.Ordinal);
                var error = "no scheme; write SCHEME:VALUE, as in IMO:9187629";
                var identifier = colon < 0 ? null : OwnEntryFields.Identifier(item[..colon], item[(colon + 1)..], out error);
                if (identifier is null)
                {
                    throw Fault("identifiers", $"identifier '{item}': {error}");
                }
                identifiers.Add(identifier);
            }
            entries.Add(OwnEntryFields.Entry(list, id, kind, name, Values(Field("aliases")), Values(Field("addresses")), Values(Field("countries")), identifiers, Field("programs"), Field("remarks")));
        }
        return entries;
    }

    private static List<string> Values(string field) =>
        [.. field.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
