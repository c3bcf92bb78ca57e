using Sylvan.Data.Csv;

namespace OpenCts.Domain.Text;

/// <summary>The physical line of each record and field a <see cref="CsvDataReader"/> reads.</summary>
/// <remarks>
/// The reader numbers records, not lines; the two part once a quoted field holds a line break, and an error that names
/// the record number then points the user at the wrong line of the file. Each record's raw text, terminator included,
/// says how many lines it takes, so the line where the next one starts is known as the file is read. Every CSV reader
/// of OpenCTS (messages, watch lists, trusted traders, declarations, examination results) counts lines with it.
/// </remarks>
public sealed class CsvLines
{
    private readonly CsvDataReader _csv;
    private int _next;

    /// <summary>Counts lines from the reader's position: after the header when the reader has one, at line 1 otherwise.</summary>
    public CsvLines(CsvDataReader csv, bool hasHeader)
    {
        _csv = csv;
        _next = 1;
        if (hasHeader)
        {
            _next++;
            for (var i = 0; i < csv.FieldCount; i++)
            {
                _next += Breaks(csv.GetName(i));
            }
        }
    }

    /// <summary>The line the current record starts on.</summary>
    public int Line { get; private set; }

    /// <summary>The line the record after the current one starts on: where a record that cannot be parsed starts.</summary>
    public int Next => _next;

    /// <summary>Reads the next record, as <see cref="CsvDataReader.Read"/>, and moves the line count past it.</summary>
    /// <exception cref="FormatException">The record is not valid CSV.</exception>
    public bool Read()
    {
        if (!_csv.Read())
        {
            return false;
        }
        Line = _next;
        _next += Breaks(_csv.GetRawRecordSpan());
        return true;
    }

    /// <summary>The line a field of the current record starts on: the record's line, plus the line breaks inside the fields before it.</summary>
    public int LineOf(int ordinal)
    {
        var line = Line;
        for (var i = 0; i < ordinal && i < _csv.RowFieldCount; i++)
        {
            line += Breaks(_csv.GetFieldSpan(i));
        }
        return line;
    }

    /// <summary>Reads the next record; a record that is not valid CSV raises the caller's error at its place.</summary>
    /// <param name="invalid">Builds the error from the line the record starts on, its field's column when the reader says which (1 otherwise), and the reader's complaint.</param>
    public bool Read(Func<int, int, FormatException, Exception> invalid)
    {
        try
        {
            return Read();
        }
        catch (FormatException e)
        {
            throw invalid(Next, e is CsvFormatException { FieldOrdinal: >= 0 and var field } ? field + 1 : 1, e);
        }
    }

    /// <summary>Line breaks in a text: LF, CRLF or a lone CR.</summary>
    private static int Breaks(ReadOnlySpan<char> text)
    {
        var breaks = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                breaks++;
            }
        }
        return breaks;
    }
}
