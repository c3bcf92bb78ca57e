using OpenCts.Domain.Messages;

using OpenCts.Domain.Consignments;

namespace OpenCts.Storage.Messages;

/// <summary>A data-quality finding on one document of a message.</summary>
public sealed record DocumentFinding(string DocumentKey, DataQualityFinding Finding);

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

    private static bool HasFindings(Domain.Consignments.Consignment consignment) => consignment.DataQuality.Count > 0;

    /// <summary>Every data-quality finding of a message's consignments, each with its document: what the sender is told to mend.</summary>
    public static IReadOnlyList<DocumentFinding> FindingsOf(ParsedMessage message) =>
        message.IsRejected ? [] : [.. message.Consignments.SelectMany(c => c.DataQuality.Select(f => new DocumentFinding(c.Document.Key, f)))];
}
