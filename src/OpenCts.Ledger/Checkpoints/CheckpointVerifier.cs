using OpenCts.Ledger.Notes;

namespace OpenCts.Ledger.Checkpoints;

/// <summary>Verifies a signed checkpoint against a log's verifier keys and, optionally, a k-of-n witness policy.</summary>
/// <remarks>Several log keys may be given so that checkpoints signed before a key rotation still verify.</remarks>
public sealed class CheckpointVerifier
{
    private readonly IReadOnlyList<NoteVerifier> _logKeys;
    private readonly IReadOnlyList<NoteVerifier> _witnessKeys;

    /// <summary>A verifier trusting <paramref name="logKeys"/> and requiring <paramref name="witnessQuorum"/> cosignatures from distinct <paramref name="witnessKeys"/>.</summary>
    public CheckpointVerifier(IEnumerable<NoteVerifier> logKeys, IEnumerable<NoteVerifier>? witnessKeys = null, int witnessQuorum = 0)
    {
        ArgumentNullException.ThrowIfNull(logKeys);
        _logKeys = [.. logKeys];
        _witnessKeys = [.. witnessKeys ?? []];
        if (_logKeys.Count == 0 || _logKeys.Any(k => k.Type != NoteKeyType.Ed25519))
        {
            throw new ArgumentException("at least one log key, each of type Ed25519 (0x01), is needed", nameof(logKeys));
        }
        if (_witnessKeys.Any(k => k.Type != NoteKeyType.CosignatureV1))
        {
            throw new ArgumentException("witness keys must be cosignature keys (type 0x04)", nameof(witnessKeys));
        }
        if (witnessQuorum < 0 || witnessQuorum > _witnessKeys.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(witnessQuorum), $"a quorum of {witnessQuorum} cannot be met by {_witnessKeys.Count} witnesses");
        }
        WitnessQuorum = witnessQuorum;
    }

    /// <summary>How many distinct witnesses must have cosigned.</summary>
    public int WitnessQuorum { get; }

    /// <summary>Checks the signatures and the checkpoint format; returns the checkpoint and the witnesses that cosigned it.</summary>
    /// <exception cref="NoteFormatException">The note or checkpoint is malformed.</exception>
    /// <exception cref="NoteVerificationException">The log did not sign it, a trusted signature is bad, or too few witnesses cosigned.</exception>
    public VerifiedCheckpoint Verify(string note)
    {
        var signed = SignedCheckpoint.Parse(note);
        signed.Note.Verify(_logKeys);
        var cosigners = signed.Note.VerifiedBy(_witnessKeys)
            .GroupBy(s => s.Verifier.VerifierKey, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        if (cosigners.Count < WitnessQuorum)
        {
            throw new NoteVerificationException($"only {cosigners.Count} of the {WitnessQuorum} witness cosignatures required");
        }
        return new VerifiedCheckpoint(signed, cosigners);
    }
}
