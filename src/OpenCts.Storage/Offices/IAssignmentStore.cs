using OpenCts.Domain.Decisions;

namespace OpenCts.Storage.Offices;

/// <summary>An examination given to an examiner; open until a result is recorded on the document after it.</summary>
public sealed record ExaminationAssignment(long Id, string DocumentKey, string Examiner, string? Kind, string AssignedBy, DateTimeOffset AssignedAt, bool Open);

/// <summary>Examinations assigned to examiners, each assignment journaled.</summary>
public interface IAssignmentStore
{
    /// <summary>Assigns an examination, journaled, and returns it.</summary>
    Task<ExaminationAssignment> AssignAsync(string documentKey, string examiner, string? kind, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records an officer's <c>examine</c> decision and assigns its examination to an examiner, in one unit of work, unless the consignment has an open examination already.</summary>
    /// <remarks>
    /// The document's open assignments are looked for inside the write (writes are serialised by each backend), so of two
    /// examine decisions made at the same instant on one consignment exactly one is kept with its assignment, and the
    /// other is refused whole.
    /// </remarks>
    /// <param name="decision">The examine decision.</param>
    /// <param name="examiner">Who examines; null when there is no examiner to give it to (the decision is still recorded).</param>
    /// <param name="cancellationToken">Stops before the commit; nothing is then kept.</param>
    /// <returns>The assignment made, or null without an examiner.</returns>
    /// <exception cref="StoreConflictException">The consignment has an open assignment; it is named, and neither the decision nor an assignment is kept.</exception>
    Task<ExaminationAssignment?> DecideExaminationAsync(Decision decision, string? examiner, CancellationToken cancellationToken);

    /// <summary>How many open assignments each examiner has (examiners with none are absent).</summary>
    Task<IReadOnlyDictionary<string, int>> OpenCountsAsync(CancellationToken cancellationToken);

    /// <summary>An examiner's assignments, newest first; only the open ones when asked.</summary>
    Task<IReadOnlyList<ExaminationAssignment>> OfExaminerAsync(string examiner, bool openOnly, CancellationToken cancellationToken);
}
