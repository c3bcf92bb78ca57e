namespace OpenCts.Application.Commerce;

/// <summary>How the e-commerce indicators were built.</summary>
/// <param name="FromCheckpoint">Loaded from the data folder's checkpoint, then caught up; otherwise replayed from the whole history.</param>
/// <param name="Reason">Which checkpoint, or why none was used.</param>
/// <param name="Learned">Assessed consignment versions learned from the store: what was caught up, or the whole replay.</param>
public sealed record IndicatorsBuild(bool FromCheckpoint, string Reason, int Learned);

/// <summary>A place in the stored history's paging order (<see cref="OpenCts.Storage.Messages.IMessageStore.HistoryPageAsync"/>), with the document of the version there, to know the store again.</summary>
internal sealed record HistoryPosition(long After, string DocumentKey)
{
    /// <summary>Before the first version.</summary>
    public static HistoryPosition Start { get; } = new(0, "");
}
