namespace OpenCts.RiskModel.Declarations;

/// <summary>A declaration file that cannot be read, with the place of the first fault.</summary>
public sealed class DeclarationFileException : Exception
{
    public DeclarationFileException(string file, int line, int column, string problem)
        : base($"{file}:{line}:{column}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
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

    /// <summary>The line, from 1 (the header is line 1).</summary>
    public int Line { get; }

    /// <summary>The column, from 1; 0 when the fault is the whole line or file.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Problem { get; }
}
