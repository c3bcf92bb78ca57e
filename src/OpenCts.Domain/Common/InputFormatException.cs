namespace OpenCts.Domain.Common;

/// <summary>An input OpenCTS cannot read (a list, a register, a profile file, a declaration or result file), with the place of the fault.</summary>
/// <remarks>
/// The one exception type for bad input that is not a message (message parsers return issues instead of throwing).
/// Each host maps it once: the CLI prints its message on one line and exits with 2; the server answers a 4xx problem
/// naming the place. Readers of particular files derive from it to add what only they know.
/// </remarks>
public class InputFormatException : FormatException
{
    public InputFormatException(string message, string? file = null, int line = 0, int column = 0, string? fieldPath = null, string? problem = null, Exception? innerException = null)
        : base(message, innerException)
    {
        File = file;
        Line = line;
        Column = column;
        FieldPath = fieldPath;
        Problem = problem ?? message;
    }

    public InputFormatException()
        : this("unreadable input")
    {
    }

    public InputFormatException(string message)
        : this(message, file: null)
    {
    }

    public InputFormatException(string message, Exception innerException)
        : this(message, null, 0, 0, null, null, innerException)
    {
    }

    /// <summary>The file at fault, as it was named to the reader; null when the input was not a file.</summary>
    public string? File { get; }

    /// <summary>The line, from 1; 0 when the fault has no line.</summary>
    public int Line { get; }

    /// <summary>The column (for CSV, the field number), from 1; 0 when the fault has no column.</summary>
    public int Column { get; }

    /// <summary>The path of the faulty field (JSON path, profile id), when there is one.</summary>
    public string? FieldPath { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Problem { get; }
}
