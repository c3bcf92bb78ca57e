using OpenCts.Domain.Examinations;

namespace OpenCts.Storage.Examinations;

/// <summary>Examination results, fed back to measure profiles and retrain the model.</summary>
public interface IExaminationStore
{
    /// <summary>Records a batch of results in one unit of work, each journaled.</summary>
    Task RecordAsync(IReadOnlyList<ExaminationResult> results, CancellationToken cancellationToken);

    /// <summary>Records a batch of results that carry their client's key, each once: a key already stored is answered with its first result.</summary>
    /// <remarks>
    /// The key is looked up and the result inserted in the same unit of work, under a unique index on the key, so a
    /// result retried while the first attempt is still being written is recorded once as well. A key seen again in the
    /// same batch is answered like one stored before.
    /// </remarks>
    /// <returns>For each result, in order, the result as stored under its key and whether it was stored before.</returns>
    /// <exception cref="StoreConflictException">A key is stored with another fingerprint (a different result); it is named, and nothing of the batch is kept.</exception>
    Task<IReadOnlyList<RecordedExamination>> RecordOnceAsync(IReadOnlyList<KeyedExamination> results, CancellationToken cancellationToken);

    /// <summary>Every recorded result, oldest first.</summary>
    Task<IReadOnlyList<ExaminationResult>> AllAsync(CancellationToken cancellationToken);

    /// <summary>The results recorded for one document, oldest first (through the document's index, for the consignment page).</summary>
    Task<IReadOnlyList<ExaminationResult>> OfAsync(string documentKey, CancellationToken cancellationToken);
}
