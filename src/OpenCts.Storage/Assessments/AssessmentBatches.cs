using System.Text.Json;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Serialization;

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

    /// <summary>The reasons of an assessment as the stores keep them: the text <see cref="Changed"/> compares.</summary>
    public static string ReasonsText(Assessment assessment) => JsonSerializer.Serialize(assessment.Reasons, DomainJson.Options);

    /// <summary>The assessments of a batch that say something other than the one in force for their version, or that have none; with their reasons' text.</summary>
    /// <param name="assessments">The batch, in order.</param>
    /// <param name="inForce">The lane, score and reasons' text of the assessment in force for that assessment's consignment version, or null.</param>
    /// <remarks>The instant of assessment is not compared: an assessment that differs from the one in force only in when it was made says nothing new.</remarks>
    public static List<(Assessment Assessment, string Reasons)> Changed(IReadOnlyList<Assessment> assessments, Func<Assessment, (string Lane, double Score, string Reasons)?> inForce)
    {
        var changed = new List<(Assessment, string)>();
        foreach (var assessment in assessments)
        {
            var reasons = ReasonsText(assessment);
            if (inForce(assessment) is not { } current
                || !string.Equals(current.Lane, assessment.Lane.ToString(), StringComparison.Ordinal)
                || current.Score != assessment.Score
                || !string.Equals(current.Reasons, reasons, StringComparison.Ordinal))
            {
                changed.Add((assessment, reasons));
            }
        }
        return changed;
    }
}
