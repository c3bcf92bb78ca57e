using OpenCts.Domain.Assessments;
using OpenCts.Targeting.Assessment;

namespace OpenCts.Targeting.Tests.Assessment;

public class LaneDecisionTests
{
    private static readonly AssessmentSettings Settings = AssessmentSettings.Default;

    private static Reason Profile(ProfileAction action, double score = 10) => new(ReasonKind.Profile, "P-1", "profile", score, "", Action: action);

    [Theory]
    [InlineData(0, Lane.Green)]
    [InlineData(39.99, Lane.Green)]
    [InlineData(40, Lane.Yellow)]
    [InlineData(70, Lane.Red)]
    public void TheScoreAloneGivesTheLaneOfItsThreshold(double score, Lane lane) =>
        Assert.Equal(lane, LaneDecision.Decide(score, [], Settings));

    [Fact]
    public void AHoldOrARedLaneActionSendsToRedWhateverTheScore()
    {
        Assert.Equal(Lane.Red, LaneDecision.Decide(0, [Profile(ProfileAction.Hold)], Settings));
        Assert.Equal(Lane.Red, LaneDecision.Decide(5, [Profile(ProfileAction.RedLane)], Settings));
    }

    [Fact]
    public void ADocumentaryCheckIsWaivedForATrustedTraderButAHoldIsNot()
    {
        var trusted = new Reason(ReasonKind.TrustedTrader, "AEO-F", "Trusted trader", -25, "");
        Assert.Equal(Lane.Yellow, LaneDecision.Decide(10, [Profile(ProfileAction.DocumentaryCheck)], Settings));
        Assert.Equal(Lane.Green, LaneDecision.Decide(10, [Profile(ProfileAction.DocumentaryCheck), trusted], Settings));
        Assert.Equal(Lane.Red, LaneDecision.Decide(10, [Profile(ProfileAction.Hold), trusted], Settings));
    }

    [Theory]
    [InlineData(ReasonKind.RandomSelection)]
    [InlineData(ReasonKind.ModelSelection)]
    public void APickForExaminationSendsToRed(ReasonKind kind) =>
        Assert.Equal(Lane.Red, LaneDecision.Decide(0, [new Reason(kind, "pick", "picked", 0, "")], Settings));

    [Fact]
    public void DataQualityFindingsAloneDoNotChangeTheLane() =>
        Assert.Equal(Lane.Green, LaneDecision.Decide(0, [new Reason(ReasonKind.DataQuality, "data-quality", "Data quality: 2 findings", 0, "")], Settings));
}
