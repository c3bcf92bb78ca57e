namespace OpenCts.Ledger.Notes;

/// <summary>Thrown when a note carries no valid signature from a trusted key, or a bad one from a trusted key.</summary>
public sealed class NoteVerificationException(string message) : Exception(message);
