using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Evaluation;
using OpenCts.RiskModel.Features;
using OpenCts.RiskModel.Training;

namespace OpenCts.RiskModel.Tests.Evaluation;

/// <summary>Model selection must never look at the test period: its labels may only be read to score the model already chosen.</summary>
public sealed class TestPeriodBlindnessTests
{
    private static readonly SettingsCandidate[] Candidates =
    [
        new("one tree, two leaves", TestData.QuickSettings with { Trees = 1, Leaves = 2 }),
        new("20 trees, 7 leaves", TestData.QuickSettings with { Trees = 20, Leaves = 7 }),
        new("20 trees, basic groups", TestData.QuickSettings with { Trees = 20, Features = TestData.QuickSettings.Features with { Groups = FeatureSettings.BasicGroups } }),
    ];

    [Fact]
    public void FlippingEveryTestLabelChangesNeitherTheChoiceNorTheScores()
    {
        var cancel = TestContext.Current.CancellationToken;
        var train = TestData.Train.Take(3000).ToArray();
        var valid = TestData.Valid.Take(1500).ToArray();
        var test = TestData.Valid.Skip(6000).Take(1500).ToArray();
        var flipped = test.Select(r => r with { Fraud = !r.Fraud, CriticalFraud = !r.CriticalFraud }).ToArray();

        var original = ModelEvaluation.Run(train, valid, test, Candidates, cancellationToken: cancel);
        var blind = ModelEvaluation.Run(train, valid, flipped, Candidates, cancellationToken: cancel);

        // Every candidate's validation figures and the choice are the same, whatever the test labels say.
        Assert.Equal(original.Candidates.Select(c => (c.Name, c.Valid)), blind.Candidates.Select(c => (c.Name, c.Valid)));
        Assert.Equal(original.Chosen.Name, blind.Chosen.Name);
        Assert.Equal(original.Chosen.Valid, blind.Chosen.Valid);
        var settings = Candidates.Single(c => c.Name == original.Chosen.Name).Settings;

        // The chosen settings refitted on train and valid score both versions of the test period alike, and the reports'
        // test figures are those scores against each version's labels: the same ranking, read with opposite labels.
        var model = RiskModelTrainer.Train([.. train, .. valid], settings, cancel);
        var scores = model.Score(test);
        Assert.Equal(scores, model.Score(flipped));
        Assert.Equal(EvaluationMetrics.Of(scores, [.. test.Select(r => r.Fraud)]), original.Test);
        Assert.Equal(EvaluationMetrics.Of(scores, [.. flipped.Select(r => r.Fraud)]), blind.Test);
        Assert.Equal(test.Length - original.Test.Positives, blind.Test.Positives);
        Assert.Equal(1 - original.Test.PrecisionAt10, blind.Test.PrecisionAt10, 1e-12);
        Assert.Equal(1 - original.Test.Auc, blind.Test.Auc, 1e-9);
    }

    [Fact]
    public void ScoringAnExaminedRowDoesNotReadItsLabel()
    {
        var model = RiskModelTrainer.Train([.. TestData.Train.Take(2000)], TestData.QuickSettings with { Trees = 10 }, TestContext.Current.CancellationToken);
        IReadOnlyList<ExaminedDeclaration> rows = [.. TestData.Valid.Take(500)];
        IReadOnlyList<ExaminedDeclaration> flipped = [.. rows.Select(r => r with { Fraud = !r.Fraud, CriticalFraud = !r.CriticalFraud })];
        Assert.Equal(model.Score(rows), model.Score(flipped));
    }
}
