using OpenCts.Ingestion.Pipeline;
using OpenCts.Storage;

namespace OpenCts.Cli.Common;

/// <summary>The CLI's composition root: opens the store and builds what commands need from it.</summary>
internal static class Workspace
{
    /// <summary>Every message format this build reads.</summary>
    public static MessageFormats Formats => MessageFormats.All;

    public static CtsStore OpenStore(StoreSettings settings) => CtsStore.Open(settings.DataDirectory);
}
