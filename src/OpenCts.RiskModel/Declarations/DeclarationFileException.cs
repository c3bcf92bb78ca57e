namespace OpenCts.RiskModel.Declarations;

/// <summary>A declaration file that cannot be read, with the place of the first fault.</summary>
public sealed class DeclarationFileException : Exception
{
    public DeclarationFileException(string file, int line, int column, string problem)
        : base(FormattableString.Invariant($"{Place(file, line, column)}: {problem}"))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
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
        : base(message, innerException)
    {
        File = "";
        Problem = message;
    }

    /// <summary>The file as it was named to the reader.</summary>
    public string File { get; }

    /// <summary>The line, from 1 (the header is line 1); 0 when the fault is the whole file.</summary>
    public int Line { get; }

    /// <summary>The column, from 1; 0 when the fault is the whole line or file.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Problem { get; }

    /// <summary><c>file:line:column</c>, shortened to what is known: a place of 0 is no place, and is not printed.</summary>
    private static string Place(string file, int line, int column) =>
        line <= 0 ? file : column <= 0 ? FormattableString.Invariant($"{file}:{line}") : FormattableString.Invariant($"{file}:{line}:{column}");
}
