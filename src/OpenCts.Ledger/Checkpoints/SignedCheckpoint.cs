using OpenCts.Ledger.Notes;

namespace OpenCts.Ledger.Checkpoints;

/// <summary>A checkpoint with its signed note: the log's signature and any witness cosignatures.</summary>
public sealed record SignedCheckpoint(Checkpoint Checkpoint, SignedNote Note)
{
    /// <summary>Reads a signed checkpoint note without checking its signatures.</summary>
    public static SignedCheckpoint Parse(string note)
    {
        var parsed = SignedNote.Parse(note);
        return new SignedCheckpoint(Checkpoint.Parse(parsed.Text), parsed);
    }

    /// <summary>The full note text.</summary>
    public override string ToString() => Note.ToString();
}
