using OpenCts.Domain.Common;

namespace OpenCts.Screening.Watchlists;

/// <summary>A watch-list file that cannot be read, with the place of the fault: file, line and column, or field path.</summary>
public sealed class WatchlistFormatException : InputFormatException
{
    public WatchlistFormatException(string file, int line, int column, string problem)
        : base(FormattableString.Invariant($"{Path.GetFileName(file)}:{line}:{column}: {problem}"), file, line, column, problem: problem)
    {
    }

    public WatchlistFormatException(string file, string fieldPath, string problem)
        : base($"{Path.GetFileName(file)}: {fieldPath}: {problem}", file, fieldPath: fieldPath, problem: problem)
    {
    }

    public WatchlistFormatException(string file, string problem)
        : base($"{Path.GetFileName(file)}: {problem}", file, problem: problem)
    {
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
}
