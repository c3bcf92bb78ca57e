using OpenCts.Application.Common;
using OpenCts.Application.Referrals;
using OpenCts.Application.Selection;
using OpenCts.Domain.Common;
using OpenCts.Domain.Decisions;
using OpenCts.Storage;

namespace OpenCts.Application.Decisions;

/// <summary>Officers' decisions on consignments: checked, recorded and journaled.</summary>
/// <remarks>
/// A referral (request for information or screening, do-not-load, assessment complete) is recorded with its referral to the
/// filer and its webhook in one unit of work; an examination is recorded with its assignment to the examiner with the fewest open ones in one unit of work, one open
/// examination per consignment.
/// </remarks>
public sealed class ConsignmentDecisions(ICtsStore store, ReferralDesk referrals, ExaminerAssignment assignments)
{
    /// <summary>Records a decision on a stored consignment; null when the store has no such document.</summary>
    /// <param name="documentKey">The consignment's document key.</param>
    /// <param name="action">One of <see cref="DecisionActions.All"/>.</param>
    /// <param name="examinationKind">Physical, scan or documentary: required with <c>examine</c>, refused with anything else.</param>
    /// <param name="comment">The officer's reason.</param>
    /// <param name="actor">Who decides.</param>
    /// <param name="cancellationToken">Stops before the write.</param>
    /// <exception cref="DomainException">The action or the kind is not valid; its field is named.</exception>
    /// <exception cref="StoreConflictException">An examination is ordered on a consignment whose examination is still open (perhaps ordered at the same instant); nothing is kept.</exception>
    public async Task<Decision?> DecideAsync(string documentKey, string? action, string? examinationKind, string? comment, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(action) || !DecisionActions.All.Contains(action, StringComparer.Ordinal))
        {
            throw new DomainException("action", $"'{action}' is not an action; one of {string.Join(", ", DecisionActions.All)}");
        }
        var examine = string.Equals(action, DecisionActions.Examine, StringComparison.Ordinal);
        if (examine && (examinationKind is null || !DecisionActions.ExaminationKinds.Contains(examinationKind, StringComparer.Ordinal)))
        {
            throw new DomainException("kind", $"'{examinationKind}' is not a kind of examination; one of {string.Join(", ", DecisionActions.ExaminationKinds)}");
        }
        if (!examine && examinationKind is not null)
        {
            throw new DomainException("kind", $"is given only with the action '{DecisionActions.Examine}', not with '{action}'");
        }
        Fields.Optional(comment, "comment", 4000);
        var versions = await store.Messages.VersionsAsync(documentKey, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return null;
        }
        var decision = new Decision(documentKey, action, examinationKind, comment, actor, store.Clock.GetUtcNow());
        if (ReferralDesk.IsReferral(action))
        {
            await referrals.ReferAsync(decision, versions, cancellationToken).ConfigureAwait(false);
            return decision;
        }
        if (examine)
        {
            // The decision and its assignment are one write that refuses a consignment with an open examination, so two
            // officers ordering an examination at the same instant leave one decision and one assignment, not two.
            await assignments.DecideAsync(decision, cancellationToken).ConfigureAwait(false);
            return decision;
        }
        await store.Decisions.RecordAsync(decision, cancellationToken).ConfigureAwait(false);
        return decision;
    }

    /// <summary>Every decision on a document, oldest first.</summary>
    public Task<IReadOnlyList<Decision>> OfAsync(string documentKey, CancellationToken cancellationToken) => store.Decisions.OfAsync(documentKey, cancellationToken);
}
