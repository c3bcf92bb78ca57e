namespace OpenCts.Storage.Writing;

/// <summary>What the backends' group commits share: how large a group may grow, and the name of each write's savepoint.</summary>
public static class GroupCommit
{
    /// <summary>The most writes one transaction takes, so that a group's commit (and its callers' wait) stays short.</summary>
    public const int MaxGroup = 256;

    /// <summary>The savepoint each write of a group runs in, released when it succeeds and rolled back to when it fails.</summary>
    public const string Savepoint = "cts_write";
}
