using System.Text.Json;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Serialization;

namespace OpenCts.Storage.Assessments;

/// <summary>What the backends share when they write assessments.</summary>
public static class AssessmentBatches
{
    /// <summary>The items of a batch whose assessment's consignment version is not yet assessed, the first of each version only.</summary>
    /// <param name="batch">The batch, in order: assessments, or rows a store made of them.</param>
    /// <param name="assessmentOf">An item's assessment.</param>
    /// <param name="assessed">Whether the store already holds an assessment of that assessment's consignment version.</param>
    public static List<T> First<T>(IReadOnlyList<T> batch, Func<T, Assessment> assessmentOf, Func<Assessment, bool> assessed)
    {
        var seen = new HashSet<(string, int)>(batch.Count);
        var first = new List<T>(batch.Count);
        foreach (var item in batch)
        {
            var assessment = assessmentOf(item);
            if (seen.Add((assessment.DocumentKey, assessment.ConsignmentVersion)) && !assessed(assessment))
            {
                first.Add(item);
            }
        }
        return first;
    }

    /// <summary>The reasons of an assessment as the stores keep them: the text <see cref="Changed"/> compares.</summary>
    public static string ReasonsText(Assessment assessment) => JsonSerializer.Serialize(assessment.Reasons, DomainJson.Options);

    /// <summary>Each assessment of a batch with its reasons' text, written out before the store's writer is asked.</summary>
    /// <remarks>
    /// Every write of a store waits for its one writer, and while a bulk run saves its pages the writer is the busiest
    /// thread of the process: the text is made by the thread that hands the batch over, so the writer only inserts it.
    /// </remarks>
    public static (Assessment Assessment, string Reasons)[] WithReasons(IReadOnlyList<Assessment> assessments)
    {
        var rows = new (Assessment, string)[assessments.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (assessments[i], ReasonsText(assessments[i]));
        }
        return rows;
    }

    /// <summary>The assessments of a batch that say something other than the one in force for their version, or that have none.</summary>
    /// <param name="assessments">The batch, in order.</param>
    /// <param name="inForce">What the assessment in force for each says, in the batch's order (<see cref="Messages.ConsignmentPage.InForce"/>); null where there is none.</param>
    /// <remarks>
    /// The instant of assessment is not compared: an assessment that differs from the one in force only in when it was
    /// made says nothing new. The reasons' text is written on every core: it is most of the work.
    /// </remarks>
    public static List<Assessment> Changed(IReadOnlyList<Assessment> assessments, IReadOnlyList<AssessmentInForce?> inForce)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(inForce.Count, assessments.Count, nameof(inForce));
        var differs = new bool[assessments.Count];
        Parallel.For(0, assessments.Count, i => differs[i] = Differs(assessments[i], inForce[i]));
        var changed = new List<Assessment>();
        for (var i = 0; i < differs.Length; i++)
        {
            if (differs[i])
            {
                changed.Add(assessments[i]);
            }
        }
        return changed;
    }

    private static bool Differs(Assessment assessment, AssessmentInForce? current) =>
        current is null
        || !string.Equals(current.Lane, assessment.Lane.ToString(), StringComparison.Ordinal)
        || current.Score != assessment.Score
        || !string.Equals(current.Reasons, ReasonsText(assessment), StringComparison.Ordinal);
}
