using System.Globalization;
using System.Net;
using System.Text;
using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;

namespace OpenCts.Ledger.Witness;

/// <summary>The log side of tlog-witness: submits a signed checkpoint with a consistency proof to each witness and gathers the cosignatures.</summary>
/// <remarks>A witness that answers 409 says which size it last cosigned; the client then proves consistency from that size and tries once more.</remarks>
public sealed class WitnessClient(HttpClient http)
{
    /// <summary>Asks every witness of <paramref name="policy"/> to cosign <paramref name="checkpoint"/>, stores the cosigned note, and says whether it is final.</summary>
    public async Task<CosigningResult> CosignAsync(LedgerLog log, SignedCheckpoint checkpoint, WitnessPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(policy);
        var failures = new List<string>();
        var cosignatures = new List<NoteSignature>();
        using var reader = log.OpenReader();
        foreach (var witness in policy.Witnesses)
        {
            try
            {
                var signature = await SubmitAsync(log, reader, checkpoint, witness, cancellationToken);
                cosignatures.Add(signature);
            }
            catch (Exception e) when (e is WitnessRefusedException or HttpRequestException or TaskCanceledException or NoteFormatException)
            {
                failures.Add($"{witness.Key.Name}: {e.Message}");
            }
        }
        var cosigned = checkpoint with { Note = checkpoint.Note.WithSignatures(cosignatures) };
        if (cosignatures.Count > 0)
        {
            log.SaveCosigned(cosigned);
        }
        return new CosigningResult(cosigned, cosignatures.Count, cosignatures.Count >= policy.Quorum, failures);
    }

    private async Task<NoteSignature> SubmitAsync(LedgerLog log, LedgerReader reader, SignedCheckpoint checkpoint, WitnessEndpoint witness, CancellationToken cancellationToken)
    {
        var size = checkpoint.Checkpoint.Size;
        var oldSize = log.WitnessSize(witness.Key.VerifierKey);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var proof = oldSize == 0 || oldSize >= size ? [] : reader.ConsistencyProof(oldSize, size);
            var (status, body) = await PostAsync(witness.Url, new AddCheckpointRequest(oldSize, proof, checkpoint), cancellationToken);
            if (status == HttpStatusCode.OK)
            {
                var signature = SignedNote.ParseSignatureLines(body)
                    .FirstOrDefault(s => s.Name == witness.Key.Name && s.KeyId == witness.Key.KeyId)
                    ?? throw new WitnessRefusedException("the answer carries no cosignature by the configured key");
                if (!witness.Key.Verify(checkpoint.Note.Text, signature.Signature, out _))
                {
                    throw new WitnessRefusedException("its cosignature does not verify");
                }
                log.SetWitnessSize(witness.Key.VerifierKey, size);
                return signature;
            }
            if (status == HttpStatusCode.Conflict && attempt == 0
                && long.TryParse(body.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var witnessSize) && witnessSize <= size)
            {
                oldSize = witnessSize;
                continue;
            }
            throw new WitnessRefusedException($"{(int)status} {body.Trim()}");
        }
        throw new WitnessRefusedException("the witness keeps reporting another size");
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(Uri prefix, AddCheckpointRequest request, CancellationToken cancellationToken)
    {
        var url = new Uri(prefix.ToString().TrimEnd('/') + "/add-checkpoint");
        using var content = new StringContent(request.ToBody(), Encoding.UTF8, "text/plain");
        using var response = await http.PostAsync(url, content, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
