using OpenCts.Domain.Messages;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Intake;

/// <summary>Counts of what became of the messages of several files.</summary>
public sealed class IntakeSummary
{
    public int Files { get; private set; }

    public int Stored { get; private set; }

    public int Duplicates { get; private set; }

    public int Rejected { get; private set; }

    public int Versions { get; private set; }

    public int Warnings { get; private set; }

    /// <summary>Messages stored with data-quality findings on their consignments.</summary>
    public int WithFindings { get; private set; }

    /// <summary>Every issue of every message, in the order received.</summary>
    public List<IngestionIssue> Issues { get; } = [];

    /// <summary>Counts one file's messages.</summary>
    public void Add(IReadOnlyList<ReceivedMessage> file)
    {
        Files++;
        foreach (var received in file)
        {
            var stored = received.Stored;
            switch (stored.Outcome)
            {
                case MessageOutcome.Stored:
                    Stored++;
                    break;
                case MessageOutcome.Duplicate:
                    Duplicates++;
                    break;
                default:
                    Rejected++;
                    break;
            }
            WithFindings += stored.Status == MessageStatus.AcceptedWithFindings ? 1 : 0;
            Versions += stored.Versions.Count;
            Warnings += stored.Issues.Count(i => i.Severity == IssueSeverity.Warning);
            Issues.AddRange(stored.Issues);
        }
    }
}
