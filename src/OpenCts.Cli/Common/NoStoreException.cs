namespace OpenCts.Cli.Common;

/// <summary>A command that only reads the store was pointed at a folder that holds none, most often a mistyped <c>--data</c>.</summary>
/// <remarks>Raised rather than creating an empty store there, which would answer every question with nothing.</remarks>
public sealed class NoStoreException : Exception
{
    public NoStoreException(string directory)
        : base($"no OpenCTS store at {directory} (run cts assess or cts ingest first)")
    {
        Directory = directory;
    }

    public NoStoreException()
        : this("")
    {
    }

    public NoStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
        Directory = "";
    }

    /// <summary>The store folder as the user named it.</summary>
    public string Directory { get; }
}
