using OpenCts.Ingestion.Pipeline;
using OpenCts.Storage;

namespace OpenCts.Cli.Common;

/// <summary>The CLI's composition root: opens the store and builds what commands need from it.</summary>
internal static class Workspace
{
    /// <summary>Every message format this build reads.</summary>
    public static MessageFormats Formats => MessageFormats.All;

    /// <summary>Opens the store with the ledger attached, so every record it writes is journaled as a pending leaf.</summary>
    public static CtsStore OpenStore(StoreSettings settings) => Ledger.LedgerWiring.Attach(CtsStore.Open(settings.DataDirectory));
}
