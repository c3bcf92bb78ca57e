using System.Globalization;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;

namespace OpenCts.RiskModel.Selection;

/// <summary>Sends the model's picks of an assessed batch to the red lane: the top by its score, plus an exploration share.</summary>
/// <remarks>
/// Inspection capacity is a share of what arrives, so the model ranks within the batch rather than against a fixed
/// threshold. Each pick keeps its own reason (top of the batch, or exploration) so that examination results can later
/// be told apart: only the exploration picks measure what the model ranks low.
/// </remarks>
public static class BatchSelection
{
    /// <summary>The batch with the picks sent to the red lane; assessments the model did not score are never picked.</summary>
    /// <param name="batch">Assessments of one batch, each with at most one <see cref="ReasonKind.Model"/> reason.</param>
    /// <param name="selector">The inspection and exploration shares, applied to the assessments the model scored.</param>
    /// <param name="laneOf">Decides the lane of a picked assessment from its reasons, the pick's reason included: the targeting engine's one lane decision.</param>
    public static IReadOnlyList<Assessment> Apply(IReadOnlyList<Assessment> batch, InspectionSelector selector, Func<Assessment, IReadOnlyList<Reason>, Lane> laneOf)
    {
        var scored = new List<int>(batch.Count);
        var probabilities = new List<double>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            foreach (var reason in batch[i].Reasons)
            {
                if (reason is { Kind: ReasonKind.Model, Probability: { } probability })
                {
                    scored.Add(i);
                    probabilities.Add(probability);
                    break;
                }
            }
        }
        var result = batch.ToArray();
        if (scored.Count == 0)
        {
            return result;
        }
        var picks = selector.Select(probabilities.ToArray());
        var rank = 0;
        foreach (var pick in picks)
        {
            var assessment = result[scored[pick.Index]];
            var probability = probabilities[pick.Index];
            var reason = pick.Reason == SelectionReason.TopScore
                ? new Reason(ReasonKind.ModelSelection, "model-top", "Model selection: top of the batch", 0, string.Create(CultureInfo.InvariantCulture,
                    $"ranked {++rank} of {scored.Count} by the risk model ({probability * 100:0}%); the batch's inspection budget is {selector.InspectionShare:P1}"))
                : new Reason(ReasonKind.ModelSelection, "model-exploration", "Model exploration", 0, string.Create(CultureInfo.InvariantCulture,
                    $"picked {(selector.Mode == ExplorationMode.Random ? "at random" : "as most uncertain")} from the rest ({probability * 100:0}%), so the model also learns from cases it ranks low (exploration {selector.ExplorationShare:P0} of the budget)"));
            ValueList<Reason> reasons = [.. assessment.Reasons, reason];
            result[scored[pick.Index]] = assessment with { Lane = laneOf(assessment, reasons), Reasons = reasons };
        }
        return result;
    }
}
