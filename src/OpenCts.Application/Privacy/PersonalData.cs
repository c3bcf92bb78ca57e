using OpenCts.Application.Audit;
using OpenCts.Storage;

namespace OpenCts.Application.Privacy;

/// <summary>The personal-data side of the application: read audit, unmasking, and retention.</summary>
public sealed class PersonalData(ICtsStore store, AuditTrail audit)
{
    /// <summary>Audits reads of consignments.</summary>
    public PersonalDataReads Reads { get; } = new(audit);

    /// <summary>Time-limited, audited unmasking of one consignment for one user.</summary>
    public Unmasking Unmasking { get; } = new(store);

    /// <summary>Purges records past their retention period.</summary>
    public RetentionRun Retention { get; } = new(store);
}
