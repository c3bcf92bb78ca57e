namespace OpenCts.Storage;

/// <summary>Receives every record a store writes, inside the writing unit of work: the ledger's entry point.</summary>
/// <remarks>
/// A store is given its journal when it opens and calls <see cref="RecordAsync"/> before it commits, so a record and its
/// pending ledger leaf are committed together or not at all; an audit reads the same canonical bytes back from the store.
/// </remarks>
public interface IRecordJournal
{
    /// <summary>Journals one record: its kind (<see cref="RecordKinds"/>), its id and its canonical bytes.</summary>
    ValueTask RecordAsync(UnitOfWork work, string kind, string id, ReadOnlyMemory<byte> canonical, CancellationToken cancellationToken);
}

/// <summary>The kinds of record a store journals.</summary>
public static class RecordKinds
{
    public const string Message = "message";
    public const string Assessment = "assessment";
    public const string Profile = "profile";
    public const string Watchlist = "watchlist";
    public const string Examination = "examination";

    /// <summary>A version of a named reference list (<c>list("...")</c> in profiles).</summary>
    public const string ReferenceList = "reference-list";

    /// <summary>A version of the trusted-trader register.</summary>
    public const string TrustedTraders = "trusted-traders";

    /// <summary>An addition to or removal from the allow-list of confirmed false positives.</summary>
    public const string AllowList = "allow-list";

    /// <summary>An officer's decision on a consignment.</summary>
    public const string Decision = "decision";

    /// <summary>A version of a user account (without its credential hashes).</summary>
    public const string User = "user";

    /// <summary>An entry of the audit log.</summary>
    public const string Audit = "audit";

    /// <summary>A decision referred to the consignment's filer.</summary>
    public const string Referral = "referral";

    /// <summary>A referral answered by a new version of the document from its filer.</summary>
    public const string ReferralAnswer = "referral-answer";

    /// <summary>A version of a callback registration (without its secret).</summary>
    public const string Callback = "callback";

    /// <summary>A webhook delivery that ended: delivered, or given up after its last attempt.</summary>
    public const string WebhookDelivery = "webhook-delivery";

    /// <summary>A version of an office's examination capacity and lane shares.</summary>
    public const string OfficeSettings = "office-settings";

    /// <summary>An examination assigned to an examiner.</summary>
    public const string Assignment = "assignment";

    /// <summary>An alert subscription.</summary>
    public const string Subscription = "subscription";

    /// <summary>The removal of an alert subscription.</summary>
    public const string SubscriptionRemoval = "subscription-removal";

    /// <summary>An order record from an e-commerce platform.</summary>
    public const string PlatformOrder = "platform-order";

    /// <summary>An analyst's merge or split of entities.</summary>
    public const string EntityDecision = "entity-decision";

    /// <summary>A purge tombstone: which record was purged under which retention rule, when and by whom.</summary>
    public const string Purge = "purge";
}
