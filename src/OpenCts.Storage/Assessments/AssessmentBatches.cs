using OpenCts.Domain.Assessments;

namespace OpenCts.Storage.Assessments;

/// <summary>What the backends share when they write assessments.</summary>
public static class AssessmentBatches
{
    /// <summary>The assessments of a batch whose consignment version is not yet assessed, the first of each version only.</summary>
    /// <param name="assessments">The batch, in order.</param>
    /// <param name="assessed">Whether the store already holds an assessment of that assessment's consignment version.</param>
    public static List<Assessment> First(IReadOnlyList<Assessment> assessments, Func<Assessment, bool> assessed)
    {
        var seen = new HashSet<(string, int)>(assessments.Count);
        var first = new List<Assessment>(assessments.Count);
        foreach (var assessment in assessments)
        {
            if (seen.Add((assessment.DocumentKey, assessment.ConsignmentVersion)) && !assessed(assessment))
            {
                first.Add(assessment);
            }
        }
        return first;
    }
}
