using OpenCts.Domain.Examinations;
using OpenCts.Storage;

namespace OpenCts.Application.Examinations;

/// <summary>What an import of examination results did.</summary>
/// <param name="Recorded">Results recorded.</param>
/// <param name="Irregular">Of those, irregular.</param>
/// <param name="UnknownDocuments">Results naming a document with no stored consignment: they count once it is ingested.</param>
public sealed record ExaminationImportSummary(int Recorded, int Irregular, int UnknownDocuments);

/// <summary>Records examination results, journaled: they feed profile hit rates and the model's next training.</summary>
public sealed class ExaminationImport(ICtsStore store, Commerce.CommerceHost commerce)
{
    /// <summary>Reads a whole results file, then records every result in one unit of work.</summary>
    /// <exception cref="OpenCts.Domain.Common.InputFormatException">The file cannot be read; nothing is recorded.</exception>
    public async Task<ExaminationImportSummary> ImportFileAsync(string path, CancellationToken cancellationToken) =>
        await RecordAsync(ExaminationFile.Read(path, cancellationToken), cancellationToken).ConfigureAwait(false);

    /// <summary>Records results given by a host (a form, an API call).</summary>
    public async Task<ExaminationImportSummary> RecordAsync(IReadOnlyList<ExaminationResult> results, CancellationToken cancellationToken)
    {
        var unknown = 0;
        foreach (var result in results)
        {
            unknown += (await store.Messages.VersionsAsync(result.DocumentKey, cancellationToken).ConfigureAwait(false)).Count == 0 ? 1 : 0;
        }
        await store.Examinations.RecordAsync(results, cancellationToken).ConfigureAwait(false);
        commerce.RecordExaminations(results);
        return new ExaminationImportSummary(results.Count, results.Count(r => r.Outcome == ExaminationOutcome.Irregular), unknown);
    }
}
