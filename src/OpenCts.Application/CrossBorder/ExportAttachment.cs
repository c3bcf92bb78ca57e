using OpenCts.Domain.Consignments;
using OpenCts.Domain.CrossBorder;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ledger.Proofs;
using OpenCts.Storage;

namespace OpenCts.Application.CrossBorder;

/// <summary>An export record that cannot be attached: no such import consignment, or a record that does not read.</summary>
public sealed class ExportAttachmentException(string message) : InvalidOperationException(message);

/// <summary>What attaching an export record found: the comparison stored, and why the proof failed if it did.</summary>
public sealed record ExportAttachmentResult(ExportComparison Comparison, BundleVerification Verification);

/// <summary>Attaches an exporting administration's record of a shipment to the import consignment, after checking its proof.</summary>
/// <remarks>
/// The record is kept whatever the proof says, with the comparison marked verified or not: a failed proof is itself
/// something a profile can target (<c>export.verified</c>).
/// </remarks>
public sealed class ExportAttachment(ICtsStore store)
{
    /// <param name="documentKey">The import consignment's document key.</param>
    /// <param name="bundle">The exporting administration's proof bundle.</param>
    /// <param name="record">The record's canonical bytes, as their log committed to them.</param>
    /// <param name="recordName">The record's file name, named in errors.</param>
    /// <param name="exportDocument">Which consignment of the export message is this shipment; null when it holds one.</param>
    /// <param name="verifier">The exporting administration's keys and witness policy.</param>
    /// <param name="defaultAdministration">The administration named when the bundle's checkpoint cannot be read.</param>
    /// <param name="cancellationToken">Stops before the record is stored.</param>
    /// <exception cref="ExportAttachmentException">The record does not read, or there is no such import consignment.</exception>
    public async Task<ExportAttachmentResult> AttachAsync(
        string documentKey, ProofBundle bundle, byte[] record, string recordName, string? exportDocument, ProofBundleVerifier verifier, string defaultAdministration, CancellationToken cancellationToken)
    {
        var verification = verifier.Verify(bundle, record);
        var exported = ExportedConsignment(record, recordName, exportDocument, store.Clock);
        var import = (await store.Messages.VersionsAsync(documentKey, cancellationToken).ConfigureAwait(false)).LastOrDefault()
            ?? throw new ExportAttachmentException($"no consignment {documentKey} in the store");
        var administration = verification.Checkpoint?.Checkpoint.Origin ?? defaultAdministration;
        var comparison = ExportComparer.Compare(import.Consignment, exported, administration, verification.IsValid);
        await store.ExportRecords.AttachAsync(documentKey, record, bundle.ToJson(), comparison, cancellationToken).ConfigureAwait(false);
        return new ExportAttachmentResult(comparison, verification);
    }

    /// <summary>Reads the export consignment out of a logged message record (the header lines, a blank line, the message bytes).</summary>
    private static Consignment ExportedConsignment(byte[] record, string fileName, string? documentNumber, TimeProvider clock)
    {
        var separator = record.AsSpan().IndexOf("\n\n"u8);
        if (separator < 0)
        {
            throw new ExportAttachmentException($"{fileName}: not a logged message record (no blank line after its header)");
        }
        var message = record.AsMemory(separator + 2);
        var format = MessageFormats.All.Recognise(fileName, message.Span)
            ?? throw new ExportAttachmentException($"{fileName}: the logged message is in no format this OpenCTS reads");
        var messages = format.Parse(fileName, message, clock.GetUtcNow(), CancellationToken.None);
        if (messages.FirstOrDefault(m => m.IsRejected) is { } rejected)
        {
            throw new ExportAttachmentException($"{fileName}: the logged message does not read: {string.Join("; ", rejected.Issues)}");
        }
        var consignments = messages.SelectMany(m => m.Consignments).ToList();
        var chosen = documentNumber is null
            ? consignments.Count == 1 ? consignments[0] : null
            : consignments.FirstOrDefault(c => string.Equals(c.Document.Number, documentNumber, StringComparison.Ordinal));
        return chosen ?? throw new ExportAttachmentException($"{fileName}: holds {consignments.Count} consignments; name the one with --export-document");
    }
}
