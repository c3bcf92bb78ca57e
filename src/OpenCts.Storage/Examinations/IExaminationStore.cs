using OpenCts.Domain.Examinations;

namespace OpenCts.Storage.Examinations;

/// <summary>Examination results, fed back to measure profiles and retrain the model.</summary>
public interface IExaminationStore
{
    /// <summary>Records a batch of results in one unit of work, each journaled.</summary>
    Task RecordAsync(IReadOnlyList<ExaminationResult> results, CancellationToken cancellationToken);

    /// <summary>Every recorded result, oldest first.</summary>
    Task<IReadOnlyList<ExaminationResult>> AllAsync(CancellationToken cancellationToken);
}
