using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Features;

namespace OpenCts.RiskModel.Tests.Features;

public sealed class OutOfFoldEncodingTests
{
    private static readonly FeatureSettings Settings = FeatureSettings.Default;

    [Fact]
    public void ARowsOwnLabelNeverChangesItsOwnEncoding()
    {
        var rows = TestData.SmallTrain.ToArray();
        var before = OutOfFoldEncoding.Encode(rows, Settings, ModelTarget.Fraud, seed: 7);
        var folds = OutOfFoldEncoding.AssignFolds(rows.Length, Settings.Folds, seed: 7);
        var gen = new Random(3);
        for (var trial = 0; trial < 20; trial++)
        {
            var r = gen.Next(rows.Length);
            var flipped = (ExaminedDeclaration[])rows.Clone();
            flipped[r] = rows[r] with { Fraud = !rows[r].Fraud };
            var after = OutOfFoldEncoding.Encode(flipped, Settings, ModelTarget.Fraud, seed: 7);
            Assert.Equal(before[r], after[r]);
            // The flip is seen, by the rows of other folds that share the row's HS6 code: the check is not vacuous.
            var hs6 = rows[r].Declaration.Hs6;
            var other = Enumerable.Range(0, rows.Length).First(i => folds[i] != folds[r] && rows[i].Declaration.Hs6 == hs6 || i == rows.Length - 1);
            if (rows[other].Declaration.Hs6 == hs6 && folds[other] != folds[r])
            {
                Assert.NotEqual(before[other], after[other]);
            }
        }
    }

    [Fact]
    public void ATrainingRowIsEncodedAsIfScoredByAnEncoderFittedOnTheOtherFolds()
    {
        var rows = TestData.SmallTrain.Take(1500).ToArray();
        var features = OutOfFoldEncoding.Encode(rows, Settings, ModelTarget.Fraud, seed: 11);
        var folds = OutOfFoldEncoding.AssignFolds(rows.Length, Settings.Folds, seed: 11);
        for (var k = 0; k < Settings.Folds; k++)
        {
            var others = rows.Where((_, i) => folds[i] != k).ToArray();
            var encoder = FeatureEncoder.Fit(others, Settings, ModelTarget.Fraud);
            foreach (var i in Enumerable.Range(0, rows.Length).Where(i => folds[i] == k).Take(25))
            {
                Assert.Equal(encoder.Encode(rows[i].Declaration), features[i]);
            }
        }
    }

    [Fact]
    public void AScoringRowIsEncodedFromTrainingLabelsOnly()
    {
        var train = new[]
        {
            TestData.Examined(TestData.Declaration(importer: "A"), fraud: true),
            TestData.Examined(TestData.Declaration(importer: "A"), fraud: true),
            TestData.Examined(TestData.Declaration(importer: "B"), fraud: false),
            TestData.Examined(TestData.Declaration(importer: "B"), fraud: false),
        };
        var settings = new FeatureSettings([EncodingGroup.Of(DeclarationField.Importer)], Smoothing: 2);
        var encoder = FeatureEncoder.Fit(train, settings, ModelTarget.Fraud);
        Assert.Equal(["ImporterFraudRate", "ImporterCount"], encoder.FeatureNames.Take(2));
        // (2 + 2 x 0.5) / (2 + 2) for A; an unseen importer gets the prior and a count of 0.
        Assert.Equal([0.75f, 2f], encoder.Encode(TestData.Declaration(importer: "A"))[..2]);
        Assert.Equal([0.25f, 2f], encoder.Encode(TestData.Declaration(importer: "B"))[..2]);
        Assert.Equal([0.5f, 0f], encoder.Encode(TestData.Declaration(importer: "C"))[..2]);
    }

    [Fact]
    public void FoldsAreEqualInSizeAndFixedByTheSeed()
    {
        var folds = OutOfFoldEncoding.AssignFolds(103, 5, seed: 1);
        Assert.All(Enumerable.Range(0, 5), k => Assert.InRange(folds.Count(f => f == k), 20, 21));
        Assert.Equal(folds, OutOfFoldEncoding.AssignFolds(103, 5, seed: 1));
        Assert.NotEqual(folds, OutOfFoldEncoding.AssignFolds(103, 5, seed: 2));
    }

    [Fact]
    public void AKeyOfSeveralFieldsDoesNotRunTheFieldsTogether()
    {
        var group = EncodingGroup.Of(DeclarationField.Importer, DeclarationField.Seller);
        var a = TestData.Declaration(importer: "AB") with { Seller = "C" };
        var b = TestData.Declaration(importer: "A") with { Seller = "BC" };
        var train = new[] { TestData.Examined(a, fraud: true) };
        var encoder = FeatureEncoder.Fit(train, new FeatureSettings([group]), ModelTarget.Fraud);
        Assert.Equal(1f, encoder.Encode(a)[1]);
        Assert.Equal(0f, encoder.Encode(b)[1]);
    }
}
