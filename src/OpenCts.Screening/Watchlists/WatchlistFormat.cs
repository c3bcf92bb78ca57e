using System.Text;
using Sylvan.Data.Csv;

namespace OpenCts.Screening.Watchlists;

/// <summary>The kinds of watch-list file OpenCTS reads.</summary>
public enum WatchlistFormat
{
    Unknown,

    /// <summary>OFAC primary records (<c>sdn.csv</c>, <c>cons_prim.csv</c>): 12 fields, no header.</summary>
    OfacPrimary,

    /// <summary>OFAC aliases (<c>alt.csv</c>): ent_num, alt_num, alt_type, alt_name, alt_remarks.</summary>
    OfacAliases,

    /// <summary>OFAC addresses (<c>add.csv</c>): ent_num, add_num, address, city/state/postal, country, remarks.</summary>
    OfacAddresses,

    /// <summary>OFAC remarks continued (<c>sdn_comments.csv</c>): ent_num, remarks.</summary>
    OfacComments,

    /// <summary>The UN Security Council consolidated list, XML.</summary>
    UnConsolidatedXml,

    /// <summary>Our own CSV layout with a header (docs/watchlists.md).</summary>
    OwnCsv,

    /// <summary>Our own JSON layout (docs/watchlists.md).</summary>
    OwnJson,
}

/// <summary>Recognises a watch-list file by its content, never by its name.</summary>
public static class WatchlistFormats
{
    /// <summary>The format of a file, from its first record.</summary>
    public static WatchlistFormat Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string head;
        using (var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            var buffer = new char[8192];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            head = new string(buffer, 0, read);
        }
        var trimmed = head.TrimStart();
        if (trimmed.StartsWith('<'))
        {
            return trimmed.Contains("<CONSOLIDATED_LIST", StringComparison.Ordinal) ? WatchlistFormat.UnConsolidatedXml : WatchlistFormat.Unknown;
        }
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return WatchlistFormat.OwnJson;
        }
        if (trimmed.Length == 0)
        {
            return WatchlistFormat.Unknown;
        }
        return DetectCsv(head);
    }

    private static WatchlistFormat DetectCsv(string head)
    {
        var lastNewline = head.LastIndexOf('\n');
        var complete = lastNewline > 0 ? head[..lastNewline] : head;
        try
        {
            using var csv = CsvDataReader.Create(new StringReader(complete), new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',' });
            if (!csv.Read())
            {
                return WatchlistFormat.Unknown;
            }
            var fields = new string[csv.RowFieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i).Trim();
            }
            if (fields.Length >= 2 && int.TryParse(fields[0], out _))
            {
                return fields.Length switch
                {
                    12 => WatchlistFormat.OfacPrimary,
                    5 when int.TryParse(fields[1], out _) && fields[2].ToLowerInvariant() is "aka" or "fka" or "nka" => WatchlistFormat.OfacAliases,
                    6 when int.TryParse(fields[1], out _) => WatchlistFormat.OfacAddresses,
                    2 => WatchlistFormat.OfacComments,
                    _ => WatchlistFormat.Unknown,
                };
            }
            var header = fields.Select(f => f.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            return header.Contains("list") && header.Contains("id") && header.Contains("name") ? WatchlistFormat.OwnCsv : WatchlistFormat.Unknown;
        }
        catch (FormatException)
        {
            return WatchlistFormat.Unknown;
        }
    }
}
