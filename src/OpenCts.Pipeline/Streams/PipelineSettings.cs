namespace OpenCts.Pipeline.Streams;

/// <summary>How the pipeline's stream and its workers behave.</summary>
public sealed record PipelineSettings
{
    public static PipelineSettings Default { get; } = new();

    /// <summary>How long the stream remembers a work item's id, so that the same message queued again within it is dropped.</summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the intake waits for the stream's acknowledgement of one work item.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the intake queues again, from the store, what it could not queue when it was stored.</summary>
    public TimeSpan RequeueInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The most work items a worker takes at once: assessed together and written in one unit of work.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>How long a work item handed to a worker stays its own; unacknowledged after this, it goes to another worker.</summary>
    public TimeSpan AckWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a worker waits for work before it asks again; at least 1.5 seconds.</summary>
    public TimeSpan FetchWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a worker rebuilds its targeting engine from the store, to take up approved profiles and loaded lists.</summary>
    public TimeSpan EngineRefresh { get; init; } = TimeSpan.FromSeconds(30);
}
