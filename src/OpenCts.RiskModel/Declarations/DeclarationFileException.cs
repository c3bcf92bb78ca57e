using OpenCts.Domain.Common;

namespace OpenCts.RiskModel.Declarations;

/// <summary>A declaration or examination-result file that cannot be read, with the place of the first fault.</summary>
public sealed class DeclarationFileException : InputFormatException
{
    public DeclarationFileException(string file, int line, int column, string problem)
        : base(FormattableString.Invariant($"{Place(file, line, column)}: {problem}"), file, line, column, problem: problem)
    {
    }

    /// <summary>A fault of the whole file, such as its absence: the message names the file and no place in it.</summary>
    public DeclarationFileException(string file, string problem)
        : this(file, 0, 0, problem)
    {
    }

    public DeclarationFileException()
        : this("", 0, 0, "unreadable declaration file")
    {
    }

    public DeclarationFileException(string message)
        : this("", 0, 0, message)
    {
    }

    public DeclarationFileException(string message, Exception innerException)
        : base(message, "", problem: message, innerException: innerException)
    {
    }

    /// <summary><c>file:line:column</c>, shortened to what is known: a place of 0 is no place, and is not printed.</summary>
    private static string Place(string file, int line, int column) =>
        line <= 0 ? file : column <= 0 ? FormattableString.Invariant($"{file}:{line}") : FormattableString.Invariant($"{file}:{line}:{column}");
}
