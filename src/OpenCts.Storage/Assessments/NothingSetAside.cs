namespace OpenCts.Storage.Assessments;

/// <summary>The handle of a bulk save for which the store set nothing aside (<see cref="IAssessmentStore.BeginBulkSaveAsync"/>): disposing it does nothing.</summary>
public sealed class NothingSetAside : IAsyncDisposable
{
    /// <summary>The one handle; it holds nothing.</summary>
    public static NothingSetAside Instance { get; } = new();

    private NothingSetAside()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
