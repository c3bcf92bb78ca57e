namespace OpenCts.Ledger.Notes;

/// <summary>Signature type bytes of C2SP signed-note keys that OpenCTS uses.</summary>
public enum NoteKeyType : byte
{
    /// <summary>Ed25519 over the note text: a log's checkpoint signature (signed-note, type 0x01).</summary>
    Ed25519 = 0x01,

    /// <summary>Timestamped Ed25519 witness cosignature (tlog-cosignature, type 0x04).</summary>
    CosignatureV1 = 0x04,
}
