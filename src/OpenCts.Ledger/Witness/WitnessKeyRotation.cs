using OpenCts.Ledger.Keys;
using OpenCts.Ledger.Notes;

namespace OpenCts.Ledger.Witness;

/// <summary>What rotating a witness's cosigning key did: the key it signs with from now on, and the keys it signed with before.</summary>
/// <param name="KeyName">The witness's key name, kept across rotations.</param>
/// <param name="Current">The new verifier key: partners list it in their witness policy.</param>
/// <param name="Retired">The earlier verifier keys, oldest first, still published in <c>witness.vkeys</c>: cosignatures made with them keep verifying.</param>
public sealed record WitnessKeyRotationResult(string KeyName, NoteVerifier Current, IReadOnlyList<NoteVerifier> Retired)
{
    /// <summary>The line partners put in their witness policy file for this witness (<see cref="WitnessPolicy"/>), in place of its old key.</summary>
    public string PolicyLine(string witnessUrl) => $"{witnessUrl} {Current.VerifierKey}";
}

/// <summary>Rotates the cosigning key of a witness kept in a data folder (<see cref="KeyStore.ForWitness"/>).</summary>
/// <remarks>
/// A new Ed25519 cosignature (0x04) key with the same name replaces the secret key file atomically; every earlier verifier
/// key stays in <c>witness.vkeys</c> (newest last), so what the witness cosigned before still verifies. The witness's state
/// (<c>witness.db</c>, the last checkpoint it cosigned of each log) is not touched, so after the rotation it still refuses a
/// rolled-back or forked log. A running <c>cts witness serve</c> holds its key in memory and signs with the new one from its
/// next start.
/// </remarks>
public static class WitnessKeyRotation
{
    /// <summary>Replaces the witness's cosigning key by a new one.</summary>
    /// <param name="dataDirectory">The witness's data folder (its <c>keys/</c> beside <c>witness.db</c>).</param>
    /// <exception cref="FileNotFoundException">The folder holds no witness key yet (the witness makes one when it first starts).</exception>
    /// <exception cref="InvalidOperationException">The key file holds a key that is not a cosignature key.</exception>
    public static WitnessKeyRotationResult Rotate(string dataDirectory)
    {
        var keys = KeyStore.ForWitness(dataDirectory);
        if (!keys.Exists)
        {
            throw new FileNotFoundException($"no witness key in {keys.SignerPath}: a witness makes its key when cts witness serve first starts", keys.SignerPath);
        }
        using var signer = keys.Rotate();
        var current = signer.Verifier;
        var retired = keys.Verifiers().Where(v => !string.Equals(v.VerifierKey, current.VerifierKey, StringComparison.Ordinal)).ToList();
        return new WitnessKeyRotationResult(signer.Name, current, retired);
    }
}
