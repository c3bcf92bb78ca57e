namespace OpenCts.Screening.Watchlists;

/// <summary>A watch-list file that cannot be read, with the place of the fault: file, line and column, or field path.</summary>
public sealed class WatchlistFormatException : Exception
{
    public WatchlistFormatException(string file, int line, int column, string problem)
        : base(FormattableString.Invariant($"{Path.GetFileName(file)}:{line}:{column}: {problem}"))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public WatchlistFormatException(string file, string fieldPath, string problem)
        : base($"{Path.GetFileName(file)}: {fieldPath}: {problem}")
    {
        File = file;
        FieldPath = fieldPath;
        Problem = problem;
    }

    public WatchlistFormatException(string file, string problem)
        : base($"{Path.GetFileName(file)}: {problem}")
    {
        File = file;
        Problem = problem;
    }

    public WatchlistFormatException()
    {
    }

    public WatchlistFormatException(string message)
        : base(message)
    {
    }

    public WatchlistFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file at fault.</summary>
    public string? File { get; }

    /// <summary>1-based line, 0 when the fault has no line.</summary>
    public int Line { get; }

    /// <summary>1-based column (for CSV, the field number), 0 when the fault has no column.</summary>
    public int Column { get; }

    /// <summary>The JSON path of the faulty field, when the file is JSON.</summary>
    public string? FieldPath { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string? Problem { get; }
}
