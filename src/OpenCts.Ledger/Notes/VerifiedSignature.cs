namespace OpenCts.Ledger.Notes;

/// <summary>A note signature that verified, with the key that made it and, for a cosignature, its time (POSIX seconds).</summary>
public sealed record VerifiedSignature(NoteVerifier Verifier, NoteSignature Signature, long Timestamp);
