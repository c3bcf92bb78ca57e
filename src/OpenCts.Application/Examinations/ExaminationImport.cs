using OpenCts.Domain.Examinations;
using OpenCts.RiskModel.Declarations;
using OpenCts.Storage;
using OpenCts.Storage.Examinations;

namespace OpenCts.Application.Examinations;

/// <summary>What an import of examination results did.</summary>
/// <param name="Recorded">Results recorded now.</param>
/// <param name="Irregular">Of those, irregular.</param>
/// <param name="UnknownDocuments">Results recorded now naming a document with no stored consignment: they count once it is ingested.</param>
/// <param name="AlreadyRecorded">Rows whose result was recorded before (an earlier import, a retry, or a repeated row of this file), left as they were.</param>
public sealed record ExaminationImportSummary(int Recorded, int Irregular, int UnknownDocuments, int AlreadyRecorded = 0);

/// <summary>Records examination results, journaled: they feed profile hit rates and the model's next training.</summary>
public sealed class ExaminationImport(ICtsStore store, Commerce.CommerceHost commerce)
{
    /// <summary>Reads a whole results file, then records every row not recorded before in one unit of work.</summary>
    /// <remarks>Each row is identified by its result id or its content (<see cref="ExaminationFile"/>), so a file imported again records nothing twice.</remarks>
    /// <exception cref="OpenCts.Domain.Common.InputFormatException">The file cannot be read, or a row's result id names another result already recorded; nothing is recorded.</exception>
    public async Task<ExaminationImportSummary> ImportFileAsync(string path, CancellationToken cancellationToken) =>
        await RecordFileAsync(path, ExaminationFile.Read(path, cancellationToken), cancellationToken).ConfigureAwait(false);

    /// <summary>Records the rows of a results file read by <see cref="ExaminationFile.Read"/>, each once.</summary>
    /// <param name="path">The file, named in errors.</param>
    /// <param name="rows">Its rows.</param>
    /// <param name="cancellationToken">Stops before the write.</param>
    /// <exception cref="DeclarationFileException">A row's result id names another result already recorded; its line is named and nothing is recorded.</exception>
    public async Task<ExaminationImportSummary> RecordFileAsync(string path, IReadOnlyList<ExaminationFileRow> rows, CancellationToken cancellationToken)
    {
        IReadOnlyList<RecordedExamination> recorded;
        try
        {
            recorded = await store.Examinations.RecordOnceAsync([.. rows.Select(r => r.Result)], cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException e) when (rows.FirstOrDefault(r => string.Equals(r.Result.Key, ExaminationKeys.KeyOf(e), StringComparison.Ordinal)) is { } row)
        {
            throw new DeclarationFileException(path, row.Line, row.KeyColumn, "column 'resultId': " + e.Message);
        }
        // A key repeated in the file is answered as already recorded from its second row on: the store sees its first row.
        var fresh = recorded.Where(r => !r.AlreadyRecorded).Select(r => r.Result).ToList();
        var summary = await SummariseAsync(fresh, cancellationToken).ConfigureAwait(false);
        return summary with { AlreadyRecorded = rows.Count - fresh.Count };
    }

    /// <summary>Records results given by a host (a form, an API call), each as a new result.</summary>
    public async Task<ExaminationImportSummary> RecordAsync(IReadOnlyList<ExaminationResult> results, CancellationToken cancellationToken)
    {
        await store.Examinations.RecordAsync(results, cancellationToken).ConfigureAwait(false);
        return await SummariseAsync(results, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ExaminationImportSummary> SummariseAsync(IReadOnlyList<ExaminationResult> recorded, CancellationToken cancellationToken)
    {
        var unknown = 0;
        foreach (var result in recorded)
        {
            unknown += (await store.Messages.VersionsAsync(result.DocumentKey, cancellationToken).ConfigureAwait(false)).Count == 0 ? 1 : 0;
        }
        commerce.RecordExaminations(recorded);
        return new ExaminationImportSummary(recorded.Count, recorded.Count(r => r.Outcome == ExaminationOutcome.Irregular), unknown);
    }
}
