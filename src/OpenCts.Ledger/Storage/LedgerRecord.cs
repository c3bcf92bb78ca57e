namespace OpenCts.Ledger.Storage;

/// <summary>A record to log: its kind (message, assessment, decision...), its id, and its canonical bytes.</summary>
public readonly record struct LedgerRecord(string Kind, string Id, ReadOnlyMemory<byte> Bytes);
