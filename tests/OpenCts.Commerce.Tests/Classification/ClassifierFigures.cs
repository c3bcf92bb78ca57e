using System.Diagnostics;
using OpenCts.Commerce.Classification;

namespace OpenCts.Commerce.Tests.Classification;

/// <summary>Figures of the classifier, run by hand (explicit tests, docs/ecommerce.md says how); they assert nothing about speed.</summary>
public sealed class ClassifierFigures(ITestOutputHelper output)
{
    [Fact(Explicit = true)]
    public void Classifier_quality_and_throughput_figures()
    {
        var all = ParcelCatalogue.Lines(seed: 7, perHeading: 60);
        var random = new Random(11);
        var test = all.Where(_ => random.Next(10) < 3).ToList();
        var train = all.Except(test).ToList();
        var watch = Stopwatch.StartNew();
        var trainer = new HsClassifierTrainer().Train(Nomenclature.Training, weight: 0.5).Train(train);
        var classifier = trainer.Build();
        output.WriteLine($"trained on {trainer.Descriptions} lines, {trainer.Headings} headings, in {watch.ElapsedMilliseconds} ms");
        var correct = test.Count(l => classifier.PredictHeading(l.Description) == l.Hs);
        output.WriteLine($"held-out accuracy {correct}/{test.Count} = {(double)correct / test.Count:P1}");
        foreach (var miss in test.Where(l => classifier.PredictHeading(l.Description) != l.Hs).Take(15))
        {
            output.WriteLine($"  miss: '{miss.Description}' {miss.Hs} -> {classifier.Predict(miss.Description)}");
        }
        var nomenclatureOnly = HsClassifier.Train(Nomenclature.Training);
        var nomenclatureCorrect = test.Count(l => nomenclatureOnly.PredictHeading(l.Description) == l.Hs);
        output.WriteLine($"nomenclature only: {nomenclatureCorrect}/{test.Count} = {(double)nomenclatureCorrect / test.Count:P1}");
        var agreements = test.Select(l => classifier.Agreement(l.Description, l.Hs)).Order().ToList();
        output.WriteLine($"agreement of true labels: p10 {agreements[agreements.Count / 10]:F3} median {agreements[agreements.Count / 2]:F3}");
        output.WriteLine($"wireless earbuds as 6109: {classifier.Agreement("wireless earbuds", "6109"):F4}; as 8518: {classifier.Agreement("wireless earbuds", "851830"):F4}");
        output.WriteLine($"phone case silicone as 4202: {classifier.Agreement("phone case silicone", "4202"):F4}; {classifier.Predict("phone case silicone")}");
        foreach (var (text, hs) in new[] { ("phone case", "4202"), ("phone case", "3926"), ("iphone case", "4202"), ("silicone phone cover", "4202"), ("earbuds", "8517"), ("smart watch", "9102"), ("smart watch", "8517") })
        {
            output.WriteLine($"'{text}' as {hs}: {classifier.Agreement(text, hs):F4} (predicted {classifier.PredictHeading(text)})");
        }
        var register = OpenCts.Commerce.Ipr.IprRegister.Load(OpenCts.Tests.Shared.RepositoryData.PathOf("commerce", "ipr-register.json"));
        foreach (var (text, _) in Nomenclature.Training)
        {
            if (register.Match(text, null, null, double.NaN) is { } hit)
            {
                output.WriteLine($"IPR hit in the nomenclature: {hit.Brand} by '{hit.Found}' in '{text}'");
            }
        }
        var wrong = test.Select(l => classifier.Agreement(l.Description, l.Hs == "6109" ? "8517" : "6109")).Order().ToList();
        output.WriteLine($"agreement of a wrong label: median {wrong[wrong.Count / 2]:F4} p90 {wrong[wrong.Count * 9 / 10]:F4}");

        var descriptions = test.Select(l => l.Description).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            classifier.PredictHeading(descriptions[i % descriptions.Length]);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        const int Runs = 200_000;
        var heading = Valuation.Throughput.Measure(Runs, i => classifier.PredictHeading(descriptions[i % descriptions.Length]));
        output.WriteLine($"PredictHeading: {heading}, {(GC.GetAllocatedBytesForCurrentThread() - before) / (double)Runs:F1} bytes allocated each");
        output.WriteLine($"Predict (top 3): {Valuation.Throughput.Measure(Runs, i => classifier.Predict(descriptions[i % descriptions.Length]))}");
        output.WriteLine($"Agreement: {Valuation.Throughput.Measure(Runs, i => classifier.Agreement(descriptions[i % descriptions.Length], "8518"))}");
        output.WriteLine($"PredictHeading with agreement: {Valuation.Throughput.Measure(Runs, i => classifier.PredictHeading(descriptions[i % descriptions.Length], "8518", out _))}");
    }
}
