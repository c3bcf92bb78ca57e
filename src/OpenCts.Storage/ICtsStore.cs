using OpenCts.Storage.Assessments;
using OpenCts.Storage.Audit;
using OpenCts.Storage.Commerce;
using OpenCts.Storage.Consignments;
using OpenCts.Storage.CrossBorder;
using OpenCts.Storage.Decisions;
using OpenCts.Storage.Examinations;
using OpenCts.Storage.Messages;
using OpenCts.Storage.Offices;
using OpenCts.Storage.Profiles;
using OpenCts.Storage.Referrals;
using OpenCts.Storage.Retention;
using OpenCts.Storage.Subscriptions;
using OpenCts.Storage.Users;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Storage;

/// <summary>An OpenCTS store: every aggregate behind its own interface, every write journaled.</summary>
/// <remarks>
/// A backend is opened with its <see cref="IRecordJournal"/>, so no part of it can write a record without its ledger leaf.
/// The embedded default is SQLite (<c>OpenCts.Storage.Sqlite</c>); the same store tests run against every backend.
/// </remarks>
public interface ICtsStore : IAsyncDisposable
{
    /// <summary>The data folder: keys, saved models and, for the embedded backend, the database file.</summary>
    string DataDirectory { get; }

    /// <summary>Where the data lives, for people: a file path or a server address without credentials.</summary>
    string Location { get; }

    TimeProvider Clock { get; }

    IMessageStore Messages { get; }

    IAssessmentStore Assessments { get; }

    IProfileStore Profiles { get; }

    IWatchlistStore Watchlists { get; }

    IExaminationStore Examinations { get; }

    IExportRecordStore ExportRecords { get; }

    IDecisionStore Decisions { get; }

    IUserStore Users { get; }

    IAuditLog AuditLog { get; }

    /// <summary>Referrals to filers and their answers.</summary>
    IReferralStore Referrals { get; }

    /// <summary>Callback URLs and the webhook outbox.</summary>
    IWebhookStore Webhooks { get; }

    /// <summary>Offices' examination capacity and lane shares.</summary>
    IOfficeStore Offices { get; }

    /// <summary>Examinations assigned to examiners.</summary>
    IAssignmentStore Assignments { get; }

    /// <summary>Alert subscriptions.</summary>
    ISubscriptionStore Subscriptions { get; }

    /// <summary>Platform orders and entity decisions, for the e-commerce indicators.</summary>
    ICommerceStore Commerce { get; }

    /// <summary>Current consignments by key and by transport document.</summary>
    IConsignmentIndex ConsignmentIndex { get; }

    /// <summary>Purges records past their retention period, leaving journaled tombstones.</summary>
    IRetentionStore Retention { get; }

    /// <summary>The canonical bytes of any journaled record, as the ledger committed to them; null when the record is gone.</summary>
    /// <exception cref="ArgumentException">The kind is not one the store writes, or the id is malformed.</exception>
    Task<byte[]?> ReadCanonicalAsync(string kind, string id, CancellationToken cancellationToken);
}
