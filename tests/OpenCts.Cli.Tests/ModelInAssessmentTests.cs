using System.Text.Json;
using OpenCts.Tests.Shared;

namespace OpenCts.Cli.Tests;

/// <summary>A model trained on examination results joins the assessment as a reason with its top features.</summary>
public class ModelInAssessmentTests
{
    [Fact]
    public void AfterTrainingEveryAssessmentCarriesTheModelsReasonWithItsVersionAndTopFeatures()
    {
        using var temp = new TempFolder();
        var train = CtsProcess.Run(temp.Directory, "model", "train", "--data", "store", "--train", RepositoryData.PathOf("customs-declarations", "train.csv"));
        Assert.True(train.ExitCode == 0, train.All);
        var version = Directory.GetDirectories(Path.Combine(temp.Directory, "store", "models")).Select(Path.GetFileName).Single()!;

        Assert.Equal(0, CtsProcess.Run(temp.Directory, "assess", Path.Combine(RepositoryData.RepositoryRoot, "samples"), "--data", "store", "--quiet").ExitCode);
        var targets = CtsProcess.Run(temp.Directory, "targets", "--data", "store", "--json", "--top", "5000", "--lane", "green");

        var assessments = targets.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("assessment")).ToList();
        Assert.True(assessments.Count > 1000);
        foreach (var assessment in assessments)
        {
            var model = assessment.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "model");
            Assert.Equal(version, model.GetProperty("code").GetString());
            Assert.InRange(model.GetProperty("score").GetDouble(), 0, 40);
            Assert.Contains("(", model.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        // The default policy sends 5% of the batch to examination on the model's word, a tenth of it as exploration.
        var picks = assessments.Select(a => a.GetProperty("reasons").EnumerateArray().SingleOrDefault(r => r.GetProperty("kind").GetString() == "modelSelection"))
            .Where(r => r.ValueKind == JsonValueKind.Object).Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Equal((int)Math.Round(assessments.Count * 0.05, MidpointRounding.AwayFromZero), picks.Count);
        Assert.Equal((int)Math.Round(picks.Count * 0.1, MidpointRounding.AwayFromZero), picks.Count(c => c == "model-exploration"));
        Assert.All(assessments.Where(a => a.GetProperty("reasons").EnumerateArray().Any(r => r.GetProperty("kind").GetString() == "modelSelection")),
            a => Assert.Equal("red", a.GetProperty("lane").GetString()));
    }
}
