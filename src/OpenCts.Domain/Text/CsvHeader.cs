using Sylvan.Data.Csv;

namespace OpenCts.Domain.Text;

/// <summary>The column names of a CSV file's header, found by name: which are missing, which are given twice.</summary>
/// <remarks>
/// Every CSV reader of OpenCTS looks its columns up here, with the comparer its layout asks for (exact names for the
/// message layout, case-insensitive for files people edit by hand), and words its own error from what is found.
/// Names are trimmed unless the reader looks its values up by the raw name (a space after a comma is then part of it).
/// </remarks>
public sealed class CsvHeader
{
    private readonly string[] _names;
    private readonly StringComparer _comparer;

    private CsvHeader(string[] names, StringComparer comparer)
    {
        _names = names;
        _comparer = comparer;
    }

    /// <summary>The header of a reader opened with headers.</summary>
    /// <param name="csv">The reader, before its first record.</param>
    /// <param name="comparer">How names compare.</param>
    /// <param name="trim">Whether spaces around a name are dropped.</param>
    public static CsvHeader Of(CsvDataReader csv, StringComparer comparer, bool trim = true)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var names = new string[csv.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = trim ? csv.GetName(i).Trim() : csv.GetName(i);
        }
        return new CsvHeader(names, comparer);
    }

    /// <summary>The names, in the order of the columns.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The ordinal (from 0) of the first column of that name, or -1.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (_comparer.Equals(_names[i], column))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The first of the required columns the header lacks, or null.</summary>
    public string? FirstMissing(IEnumerable<string> required) => required.FirstOrDefault(column => IndexOf(column) < 0);

    /// <summary>The first column whose name an earlier column already has: its ordinal and the earlier one's (from 0), or null.</summary>
    public (string Name, int Ordinal, int Earlier)? FirstRepeated()
    {
        var seen = new Dictionary<string, int>(_comparer);
        for (var i = 0; i < _names.Length; i++)
        {
            if (!seen.TryAdd(_names[i], i))
            {
                return (_names[i], i, seen[_names[i]]);
            }
        }
        return null;
    }
}
