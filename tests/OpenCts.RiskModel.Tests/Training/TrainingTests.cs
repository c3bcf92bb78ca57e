using Microsoft.ML;
using Microsoft.ML.Data;
using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Evaluation;
using OpenCts.RiskModel.Training;

namespace OpenCts.RiskModel.Tests.Training;

public sealed class TrainingTests
{
    [Fact]
    public void TrainingTwiceWithOneSeedGivesTheSameScores()
    {
        var first = RiskModelTrainer.Train(TestData.SmallTrain, TestData.QuickSettings, TestContext.Current.CancellationToken);
        var second = RiskModelTrainer.Train(TestData.SmallTrain, TestData.QuickSettings, TestContext.Current.CancellationToken);
        var other = RiskModelTrainer.Train(TestData.SmallTrain, TestData.QuickSettings with { Seed = 43 }, TestContext.Current.CancellationToken);
        Assert.Equal(first.Score(TestData.SmallValid), second.Score(TestData.SmallValid));
        Assert.NotEqual(first.Score(TestData.SmallValid), other.Score(TestData.SmallValid));
    }

    [Fact]
    public void FastTreeTrainingIsRepeatableToo()
    {
        var settings = TestData.QuickSettings with { Learner = TreeLearner.FastTree };
        var first = RiskModelTrainer.Train(TestData.SmallTrain, settings, TestContext.Current.CancellationToken);
        var second = RiskModelTrainer.Train(TestData.SmallTrain, settings, TestContext.Current.CancellationToken);
        Assert.Equal(first.Score(TestData.SmallValid), second.Score(TestData.SmallValid));
    }

    [Theory]
    [InlineData(TreeLearner.LightGbm)]
    [InlineData(TreeLearner.FastTree)]
    public void TheFlatTreesScoreAsMlNetDoes(TreeLearner learner)
    {
        var model = RiskModelTrainer.Train(TestData.SmallTrain, TestData.QuickSettings with { Learner = learner }, TestContext.Current.CancellationToken);
        var rows = TestData.SmallValid.Take(500).ToArray();
        var examples = rows.Select(r => new RiskModelTrainer.TrainingExample { Features = model.Encoder.Encode(r.Declaration) }).ToArray();
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(examples, RiskModelTrainer.TrainingExample.Schema(model.Encoder.FeatureCount));
        var predicted = model.Transformer.Transform(data).GetColumn<float>("Probability").ToArray();
        var ours = model.Score(rows);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(predicted[i], ours[i], tolerance: 1e-6);
        }
    }

    [Fact]
    public void AModelLearnsSomethingFromTheSmallSlice()
    {
        var model = RiskModelTrainer.Train(TestData.SmallTrain, TestData.QuickSettings, TestContext.Current.CancellationToken);
        var metrics = ModelEvaluation.Measure(model, TestData.SmallValid);
        // A fifth of the rows are fraud: a ranking no better than chance would be near 0.2 and an AUC near 0.5.
        Assert.True(metrics.PrecisionAt10 > 0.4, $"precision at 10 % was {metrics.PrecisionAt10}");
        Assert.True(metrics.Auc > 0.65, $"AUC was {metrics.Auc}");
    }

    [Fact]
    public void ModelEvaluationChoosesTheCandidateBestOnValidAndScoresTheTestPeriod()
    {
        var weak = new SettingsCandidate("one tree, two leaves", TestData.QuickSettings with { Trees = 1, Leaves = 2 });
        var strong = new SettingsCandidate("quick", TestData.QuickSettings);
        var report = ModelEvaluation.Run(TestData.SmallTrain, TestData.SmallValid, [.. TestData.Valid.Skip(6000)], [weak, strong], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["one tree, two leaves", "quick"], report.Candidates.Select(c => c.Name));
        Assert.Equal("quick", report.Chosen.Name);
        Assert.True(report.Refitted);
        Assert.Equal(TestData.Valid.Count - 6000, report.Test.Rows);
    }

    [Fact]
    public void TheDataHashNamesTheRowsAndTheirLabels()
    {
        var rows = TestData.SmallTrain.Take(100).ToArray();
        var hash = TrainingDataHash.Of(rows);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, TrainingDataHash.Of([.. rows]));
        var relabelled = (ExaminedDeclaration[])rows.Clone();
        relabelled[50] = rows[50] with { Fraud = !rows[50].Fraud };
        Assert.NotEqual(hash, TrainingDataHash.Of(relabelled));
    }
}
