namespace OpenCts.Ledger.Witness;

/// <summary>Thrown when a witness refuses to cosign or answers something that cannot be used.</summary>
public sealed class WitnessRefusedException(string message) : Exception(message);
