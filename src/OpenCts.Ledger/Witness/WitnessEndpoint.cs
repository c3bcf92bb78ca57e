using OpenCts.Ledger.Notes;

namespace OpenCts.Ledger.Witness;

/// <summary>A witness the log asks for cosignatures: its submission URL prefix and its public cosignature key.</summary>
public sealed record WitnessEndpoint(Uri Url, NoteVerifier Key);
