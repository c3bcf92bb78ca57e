using OpenCts.Domain.Assessments;

namespace OpenCts.Targeting.Assessment;

/// <summary>The one place that turns a score and its reasons into a lane.</summary>
/// <remarks>
/// The assessor decides with it, and so does the batch selection that adds the model's picks afterwards, so that a lane
/// always follows from the reasons an officer sees: the score's threshold, the strongest action a profile asks for,
/// and a pick for examination (random control or the model's batch selection).
/// </remarks>
public static class LaneDecision
{
    /// <summary>The lane of a score and its reasons under the settings' thresholds.</summary>
    public static Lane Decide(double score, IEnumerable<Reason> reasons, AssessmentSettings settings)
    {
        var lane = settings.LaneFor(score);
        var trusted = false;
        var yellow = false;
        foreach (var reason in reasons)
        {
            switch (reason.Kind)
            {
                case ReasonKind.RandomSelection or ReasonKind.ModelSelection:
                    return Lane.Red;
                case ReasonKind.TrustedTrader:
                    trusted = true;
                    break;
            }
            switch (reason.Action)
            {
                case ProfileAction.RedLane or ProfileAction.Hold:
                    return Lane.Red;
                case ProfileAction.YellowLane or ProfileAction.DocumentaryCheck:
                    yellow = true;
                    break;
            }
        }
        // A trusted trader is spared documentary checks, never a hold or an examination.
        return yellow && !trusted && lane < Lane.Yellow ? Lane.Yellow : lane;
    }
}
