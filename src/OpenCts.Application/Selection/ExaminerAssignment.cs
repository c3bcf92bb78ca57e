using OpenCts.Application.Users;
using OpenCts.Storage;
using OpenCts.Storage.Offices;

namespace OpenCts.Application.Selection;

/// <summary>Gives each ordered examination to the examiner with the fewest open assignments, and lists an examiner's own.</summary>
public sealed class ExaminerAssignment(ICtsStore store)
{
    /// <summary>Assigns an examination of a document to the examiner with the fewest open assignments (by name among equals); null when there is no examiner.</summary>
    public async Task<ExaminationAssignment?> AssignAsync(string documentKey, string? kind, string assignedBy, CancellationToken cancellationToken) =>
        await ChooseAsync(cancellationToken).ConfigureAwait(false) is { } chosen
            ? await store.Assignments.AssignAsync(documentKey, chosen, kind, assignedBy, store.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>Records an examine decision with its assignment to the examiner with the fewest open ones, in one unit of work.</summary>
    /// <remarks>The examiner is chosen from the counts read before the write; the write itself refuses a consignment that has an open examination.</remarks>
    /// <returns>The assignment; null when there is no examiner (the decision is still recorded).</returns>
    /// <exception cref="StoreConflictException">The consignment has an open examination (ordered at the same instant, or before and not yet reported); nothing is kept.</exception>
    public async Task<ExaminationAssignment?> DecideAsync(Domain.Decisions.Decision decision, CancellationToken cancellationToken) =>
        await store.Assignments.DecideExaminationAsync(decision, await ChooseAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The enabled examiner with the fewest open assignments (by name among equals); null when there is none.</summary>
    private async Task<string?> ChooseAsync(CancellationToken cancellationToken)
    {
        var examiners = (await store.Users.AllAsync(cancellationToken).ConfigureAwait(false))
            .Where(u => !u.Disabled && string.Equals(u.Role, Roles.Examiner, StringComparison.Ordinal))
            .Select(u => u.Name)
            .ToList();
        if (examiners.Count == 0)
        {
            return null;
        }
        var open = await store.Assignments.OpenCountsAsync(cancellationToken).ConfigureAwait(false);
        return examiners
            .OrderBy(name => open.TryGetValue(name, out var count) ? count : 0)
            .ThenBy(name => name, StringComparer.OrdinalIgnoreCase)
            .First();
    }

    /// <summary>The examinations assigned to an examiner, newest first; only the open ones when asked.</summary>
    public Task<IReadOnlyList<ExaminationAssignment>> OfAsync(string examiner, bool openOnly, CancellationToken cancellationToken) =>
        store.Assignments.OfExaminerAsync(examiner, openOnly, cancellationToken);
}
