namespace OpenCts.Application.Lists;

/// <summary>A watch-list source that could not be downloaded: an HTTP error, a refused connection, a timeout or an answer too large.</summary>
public sealed class WatchlistDownloadException : Exception
{
    public WatchlistDownloadException(Uri source, string problem, Exception? innerException = null)
        : base($"{source}: {problem}", innerException)
    {
        Address = source;
        Problem = problem;
    }

    public WatchlistDownloadException()
    {
    }

    public WatchlistDownloadException(string message)
        : base(message)
    {
    }

    public WatchlistDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The address that failed.</summary>
    public Uri? Address { get; }

    /// <summary>What went wrong, without the address.</summary>
    public string? Problem { get; }
}
