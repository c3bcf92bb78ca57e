using OpenCts.Application;
using OpenCts.Storage.Audit;

namespace OpenCts.Server.Common;

/// <summary>
/// The audit entry of the request in hand, offered to an endpoint that can write it with its own rows, so that the
/// request is answered after one commit instead of two (the audit middleware then has nothing left to write).
/// </summary>
/// <remarks>
/// The middleware still writes an entry when the request ends with another status than the one written with the rows
/// (an error after the commit, say): a request is never audited less, only sometimes twice.
/// </remarks>
internal sealed class RequestAudit(CtsApplication application, string actor, string action, string target)
{
    private string? _offered;

    /// <summary>The outcome already committed for this request, or null when nothing was.</summary>
    public string? Recorded { get; private set; }

    /// <summary>The entry for an outcome, to be written inside the endpoint's own write.</summary>
    public AuditEntry Entry(string outcome)
    {
        _offered = outcome;
        return application.Audit.Entry(actor, action, target, outcome);
    }

    /// <summary>Called once the write that held the entry has committed.</summary>
    public void Committed() => Recorded = _offered;
}
