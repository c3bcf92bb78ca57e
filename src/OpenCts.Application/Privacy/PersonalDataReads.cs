using OpenCts.Application.Audit;

namespace OpenCts.Application.Privacy;

/// <summary>Audits each read of personal data: who read which consignments, through what, when, and whether masked.</summary>
/// <remarks>
/// One audit entry per request, naming every consignment it returned (<c>document=KEY</c>, space-separated, as the
/// consignment page looks them up), journaled like every other entry, so reads are as tamper-evident as changes.
/// </remarks>
public sealed class PersonalDataReads(AuditTrail audit)
{
    /// <summary>The audit action of a read, followed by what was read through, such as <c>read GET /api/v1/consignments/{document}</c>.</summary>
    public const string ActionPrefix = "read ";

    /// <summary>Records that <paramref name="actor"/> read <paramref name="documents"/> through <paramref name="through"/>; nothing when none was returned.</summary>
    public async Task RecordAsync(string actor, string through, IReadOnlyCollection<string> documents, bool masked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return;
        }
        var target = string.Join(' ', documents.Distinct(StringComparer.Ordinal).Select(d => "document=" + d));
        await audit.RecordAsync(actor, ActionPrefix + through, target, masked ? "masked" : "unmasked", cancellationToken).ConfigureAwait(false);
    }
}
