namespace OpenCts.Ledger.Merkle;

/// <summary>Thrown when an inclusion or consistency proof does not verify; the message says which check failed.</summary>
public sealed class MerkleProofException(string message) : Exception(message);
