namespace OpenCts.Storage.Maintenance;

/// <summary>A backup or restore that cannot be done as asked: a folder that is not empty, a damaged copy, a missing tool; the message says which and what to do.</summary>
public sealed class StoreBackupException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public StoreBackupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public StoreBackupException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public StoreBackupException()
    {
    }
}
