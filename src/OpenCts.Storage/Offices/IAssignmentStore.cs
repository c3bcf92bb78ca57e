namespace OpenCts.Storage.Offices;

/// <summary>An examination given to an examiner; open until a result is recorded on the document after it.</summary>
public sealed record ExaminationAssignment(long Id, string DocumentKey, string Examiner, string? Kind, string AssignedBy, DateTimeOffset AssignedAt, bool Open);

/// <summary>Examinations assigned to examiners, each assignment journaled.</summary>
public interface IAssignmentStore
{
    /// <summary>Assigns an examination, journaled, and returns it.</summary>
    Task<ExaminationAssignment> AssignAsync(string documentKey, string examiner, string? kind, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>How many open assignments each examiner has (examiners with none are absent).</summary>
    Task<IReadOnlyDictionary<string, int>> OpenCountsAsync(CancellationToken cancellationToken);

    /// <summary>An examiner's assignments, newest first; only the open ones when asked.</summary>
    Task<IReadOnlyList<ExaminationAssignment>> OfExaminerAsync(string examiner, bool openOnly, CancellationToken cancellationToken);
}
