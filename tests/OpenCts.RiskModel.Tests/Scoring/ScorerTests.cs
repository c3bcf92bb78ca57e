using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Evaluation;
using OpenCts.RiskModel.Scoring;
using OpenCts.RiskModel.Training;

namespace OpenCts.RiskModel.Tests.Scoring;

public sealed class ScorerTests
{
    private static readonly Lazy<TrainedRiskModel> Model = new(() => RiskModelTrainer.Train(TestData.SmallTrain, TestData.QuickSettings));

    private static readonly DateTimeOffset Now = new(2021, 4, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ASavedModelLoadsAndScoresAsItDidWhenTrained()
    {
        var repository = new ModelRepository(TestData.NewTempDirectory());
        var metrics = new Dictionary<string, EvaluationMetrics> { ["valid"] = ModelEvaluation.Measure(Model.Value, TestData.SmallValid) };
        var manifest = repository.Save(Model.Value, TestData.SmallTrain, ["train.csv"], metrics, Now);

        var scorer = repository.Load(manifest.Version);
        var rows = TestData.SmallValid.Select(r => r.Declaration).ToArray();
        var loaded = new double[rows.Length];
        scorer.Score(rows, loaded);
        Assert.Equal(Model.Value.Score(rows), loaded);
        Assert.Equal(manifest.Version, scorer.Version);
        Assert.Equal(Model.Value.Score(rows)[7], scorer.Probability(rows[7]));
    }

    [Fact]
    public void TheManifestNamesDataHashFeaturesSettingsAndMetrics()
    {
        var repository = new ModelRepository(TestData.NewTempDirectory());
        var metrics = new Dictionary<string, EvaluationMetrics> { ["valid"] = ModelEvaluation.Measure(Model.Value, TestData.SmallValid) };
        var saved = repository.Save(Model.Value, TestData.SmallTrain, ["train.csv"], metrics, Now);

        var manifest = Assert.Single(repository.List());
        Assert.Equal(saved.Version, manifest.Version);
        Assert.StartsWith("20210401T120000-", manifest.Version, StringComparison.Ordinal);
        Assert.Equal(TrainingDataHash.Of(TestData.SmallTrain), manifest.DataHash);
        Assert.Equal(5000, manifest.TrainingRows);
        Assert.Equal(Model.Value.Encoder.FeatureNames, manifest.Features);
        Assert.Equal(Model.Value.Settings, manifest.Settings.ToSettings());
        Assert.Equal(metrics["valid"], manifest.Metrics["valid"]);
        var json = File.ReadAllText(Path.Combine(repository.Directory, manifest.Version, ModelRepository.ManifestFile));
        Assert.Contains("\"precisionAt5\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Hs6*Origin\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoModelsSavedInOneSecondGetTwoVersionsAndTheNewestIsLatest()
    {
        var repository = new ModelRepository(TestData.NewTempDirectory());
        var first = repository.Save(Model.Value, TestData.SmallTrain, [], new Dictionary<string, EvaluationMetrics>(), Now);
        var second = repository.Save(Model.Value, TestData.SmallTrain, [], new Dictionary<string, EvaluationMetrics>(), Now.AddSeconds(0.5));
        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal(second.Version, repository.Latest()!.Version);
        Assert.Null(new ModelRepository(TestData.NewTempDirectory()).LoadLatest());
    }

    [Fact]
    public void AnExplanationListsTheFeaturesThatMovedTheScoreMostFirst()
    {
        var scorer = RiskModelScorer.For(Model.Value, "v1");
        var declaration = TestData.SmallValid[3].Declaration;
        var score = scorer.Explain(declaration, top: 4);
        Assert.Equal(scorer.Probability(declaration), score.Probability);
        Assert.Equal(4, score.TopContributions.Count);
        var sizes = score.TopContributions.Select(c => Math.Abs(c.Contribution)).ToArray();
        Assert.Equal(sizes.OrderDescending(), sizes);
        var features = Model.Value.Encoder.Encode(declaration);
        Assert.All(score.TopContributions, c => Assert.Equal(features[scorer.FeatureNames.ToList().IndexOf(c.Feature)], c.Value));
    }

    [Fact]
    public void ContributionsAddUpForASingleSplitTree()
    {
        // With one split, the only contribution is the leaf reached minus the other leaf.
        var model = RiskModelTrainer.Train(TestData.SmallTrain, TestData.QuickSettings with { Trees = 1, Leaves = 2 }, TestContext.Current.CancellationToken);
        var scorer = RiskModelScorer.For(model, "v");
        var rows = TestData.SmallValid.Take(200).Select(r => r.Declaration).ToArray();
        var raws = rows.Select(r => model.Trees.RawScore(model.Encoder.Encode(r))).ToArray();
        var low = raws.Min();
        var high = raws.Max();
        Assert.NotEqual(low, high);
        var top = rows[Array.IndexOf(raws, high)];
        var contribution = Assert.Single(scorer.Explain(top).TopContributions);
        Assert.Equal(high - low, contribution.Contribution, tolerance: 1e-9);
    }

    [Fact]
    public void TheModelReasonCarriesTheVersionTheWeightedScoreAndTheTopFeatures()
    {
        var scorer = RiskModelScorer.For(Model.Value, "20210401T120000-abcdef12");
        var score = scorer.Explain(TestData.SmallValid[0].Declaration, top: 3);
        var reason = new ModelReasons(scorer, Weight: 40, TopFeatures: 3).ReasonFor(score);
        Assert.Equal(ReasonKind.Model, reason.Kind);
        Assert.Equal("20210401T120000-abcdef12", reason.Code);
        Assert.Equal(score.Probability * 40, reason.Score, tolerance: 1e-12);
        Assert.Equal(3, reason.Detail.Split("; ").Length);
        Assert.StartsWith(score.TopContributions[0].Feature + " = ", reason.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AConsignmentBecomesOneDeclarationPerGoodsItem()
    {
        var consignment = Consignment();
        var records = ConsignmentDeclarations.From(consignment, new DateOnly(2021, 1, 1));
        Assert.Equal(2, records.Count);
        var first = records[0];
        Assert.Equal(("OceanBillOfLading:MSKU123#1", new DateOnly(2021, 3, 2)), (first.Id, first.Date));
        Assert.Equal(("KR-IMP-7", "DECL-9", "Shenzhen Toys Ltd", "MAEU"), (first.Importer, first.Declarant, first.Seller, first.Courier));
        Assert.Equal(("950300", "CN", "VN", "10"), (first.Hs6, first.Departure, first.Origin, first.TransportMode));
        Assert.Equal((900.0, 12500.0), (first.NetMassKg, first.ItemPrice));
        Assert.Equal((Declaration.Unknown, Declaration.Unknown, 0.0), (first.TaxType, first.Office, first.TaxRate));
        Assert.Equal(("620822", "CN", 50.0, 0.0), (records[1].Hs6, records[1].Origin, records[1].NetMassKg, records[1].ItemPrice));
    }

    [Fact]
    public void AConsignmentIsReasonedOnByItsRiskiestItem()
    {
        var scorer = RiskModelScorer.For(Model.Value, "v1");
        var consignment = Consignment();
        var reason = new ModelReasons(scorer, Weight: 100).ReasonFor(consignment, new DateOnly(2021, 1, 1));
        var highest = ConsignmentDeclarations.From(consignment, new DateOnly(2021, 1, 1)).Max(scorer.Probability);
        Assert.Equal(highest * 100, reason.Score, tolerance: 1e-9);
    }

    private static Consignment Consignment() => new(
        new TransportDocument("MSKU123", TransportDocumentKind.OceanBillOfLading),
        Direction.Import,
        TransportMode.Sea,
        [
            new Party(PartyRole.Consignee, "Seoul Imports", identifiers: [new PartyIdentifier("TIN", "KR-IMP-7")]),
            new Party(PartyRole.Declarant, "Broker Co", identifiers: [new PartyIdentifier("TIN", "DECL-9")]),
            new Party(PartyRole.Consignor, "Shenzhen Toys Ltd"),
        ],
        [
            new GoodsItem(1, HsCode.Parse("9503000010"), "toys", 10, "CT", 1000, 900, new Money(12500, CurrencyCode.Parse("USD")), CountryCode.Parse("VN")),
            new GoodsItem(2, HsCode.Parse("620822"), "nightdresses", 2, "CT", 50, null, null, CountryCode.Parse("CN")),
        ],
        carrier: new Carrier("Maersk", "MAEU"),
        placeOfLoading: UnLocode.Parse("CNSHA"),
        estimatedArrival: new DateTimeOffset(2021, 3, 2, 8, 0, 0, TimeSpan.Zero));
}
