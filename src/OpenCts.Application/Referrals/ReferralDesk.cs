using System.Text.Json;
using OpenCts.Domain.Decisions;
using OpenCts.Storage;
using OpenCts.Storage.Messages;
using OpenCts.Storage.Referrals;

namespace OpenCts.Application.Referrals;

/// <summary>Decisions that refer a consignment back to its filer (EU ICS2, Canada PACT): recorded with a webhook to the filer's callback, and answered by the filer's next version.</summary>
/// <remarks>
/// The filer is the sender under which the message that filed the consignment's current version was stored. A request for information is
/// answered by a new version of the same document from the same filer; the other referrals inform and need no answer.
/// </remarks>
public sealed class ReferralDesk(ICtsStore store)
{
    /// <summary>The decision actions that are referrals to the filer.</summary>
    public static IReadOnlyList<string> Actions { get; } =
        [DecisionActions.RequestInformation, DecisionActions.RequestScreening, DecisionActions.DoNotLoad, DecisionActions.AssessmentComplete];

    /// <summary>Raised after a referral with a webhook is recorded, so that a host can deliver it at once.</summary>
    public event Action? WebhookQueued;

    public static bool IsReferral(string action) => Actions.Contains(action, StringComparer.Ordinal);

    /// <summary>Records a referral decision on a consignment whose versions are given, with its webhook when the filer has a callback.</summary>
    internal async Task<Referral> ReferAsync(Decision decision, IReadOnlyList<StoredConsignment> versions, CancellationToken cancellationToken)
    {
        // The sender the message was stored under (the authenticated caller for an upload), not the one its content names.
        var message = await store.Messages.FindAsync(versions[^1].RawMessageId, cancellationToken).ConfigureAwait(false);
        var filer = message?.Sender ?? versions[^1].Consignment.Provenance?.Sender ?? "unknown";
        var callback = await store.Webhooks.CallbackOfAsync(filer, cancellationToken).ConfigureAwait(false);
        var number = versions[^1].Consignment.Document.Number;
        var referral = await store.Referrals.RecordAsync(decision, filer, callback is null ? null : r => Payload(r, number), cancellationToken).ConfigureAwait(false);
        if (callback is not null)
        {
            WebhookQueued?.Invoke();
        }
        return referral;
    }

    /// <summary>The webhook body of a referral: what the filer is told, never the lane, the score or the officer's name.</summary>
    public static byte[] Payload(Referral referral, string documentNumber) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["event"] = "referral",
        ["referral"] = referral.Id,
        ["document"] = referral.DocumentKey,
        ["number"] = documentNumber,
        ["action"] = referral.Action,
        ["comment"] = referral.Comment,
        ["at"] = referral.ReferredAt,
    });

    /// <summary>The referrals of a message's documents made to its sender, oldest first.</summary>
    public async Task<IReadOnlyList<Referral>> OfMessageAsync(ReceivedRecord message, CancellationToken cancellationToken)
    {
        var referrals = await store.Referrals.OfDocumentsAsync([.. message.Versions.Select(v => v.DocumentKey)], cancellationToken).ConfigureAwait(false);
        return [.. referrals.Where(r => string.Equals(r.Filer, message.Sender, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>Marks answered each open request for information that a newly stored version from the same filer replies to.</summary>
    /// <returns>How many referrals were answered.</returns>
    public async Task<int> AnswerAsync(StoredMessage stored, string sender, CancellationToken cancellationToken)
    {
        if (stored.Outcome != MessageOutcome.Stored || stored.Versions.Count == 0)
        {
            return 0;
        }
        var referrals = await store.Referrals.OfDocumentsAsync([.. stored.Versions.Select(v => v.DocumentKey)], cancellationToken).ConfigureAwait(false);
        var answered = 0;
        foreach (var referral in referrals)
        {
            if (referral.AnsweredAt is null
                && string.Equals(referral.Action, DecisionActions.RequestInformation, StringComparison.Ordinal)
                && string.Equals(referral.Filer, sender, StringComparison.OrdinalIgnoreCase)
                && await store.Referrals.AnswerAsync(referral.Id, stored.RawMessageId, store.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                answered++;
            }
        }
        return answered;
    }
}
