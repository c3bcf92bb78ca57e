using OpenCts.Domain.Decisions;

namespace OpenCts.Storage.Referrals;

/// <summary>A decision that refers a consignment back to its filer: a request for information or screening, do-not-load, or assessment complete.</summary>
/// <param name="Id">The referral's id.</param>
/// <param name="DocumentKey">The consignment's document key.</param>
/// <param name="DecisionId">The decision it was made by.</param>
/// <param name="Action">The decision's action, one of the referral actions of <see cref="DecisionActions"/>.</param>
/// <param name="Comment">What the officer tells or asks the filer.</param>
/// <param name="Filer">The sender of the message that filed the consignment's current version.</param>
/// <param name="ReferredAt">When.</param>
/// <param name="AnsweredAt">When a new version of the document from the same filer answered it; null while open.</param>
/// <param name="AnsweredBy">The raw message that answered it.</param>
public sealed record Referral(long Id, string DocumentKey, long DecisionId, string Action, string? Comment, string Filer, DateTimeOffset ReferredAt, DateTimeOffset? AnsweredAt = null, long? AnsweredBy = null)
{
    public string Status => AnsweredAt is null ? "open" : "answered";
}

/// <summary>Referrals to filers and their answers, each kept and journaled.</summary>
public interface IReferralStore
{
    /// <summary>Records a decision that refers a consignment to its filer, the referral, and its webhook delivery in the outbox, in one unit of work, each journaled.</summary>
    /// <param name="decision">The officer's decision.</param>
    /// <param name="filer">Who filed the consignment.</param>
    /// <param name="webhook">The body of the webhook made from the referral once it has its id; null when the filer has no callback.</param>
    /// <param name="cancellationToken">Stops before the commit.</param>
    Task<Referral> RecordAsync(Decision decision, string filer, Func<Referral, byte[]>? webhook, CancellationToken cancellationToken);

    /// <summary>Every referral of the documents, oldest first.</summary>
    Task<IReadOnlyList<Referral>> OfDocumentsAsync(IReadOnlyCollection<string> documentKeys, CancellationToken cancellationToken);

    /// <summary>Marks an open referral answered by a raw message, journaled; false when it was answered already.</summary>
    Task<bool> AnswerAsync(long referralId, long rawMessageId, DateTimeOffset at, CancellationToken cancellationToken);
}
