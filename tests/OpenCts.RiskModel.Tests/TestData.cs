using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Features;
using OpenCts.RiskModel.Training;
using OpenCts.Tests.Shared;

namespace OpenCts.RiskModel.Tests;

/// <summary>The declaration files of the repository's data folder, read once, and small slices of them that keep tests fast.</summary>
internal static class TestData
{
    private static readonly Lazy<IReadOnlyList<ExaminedDeclaration>> TrainRows = new(() => DeclarationCsvReader.ReadExamined(TrainPath));
    private static readonly Lazy<IReadOnlyList<ExaminedDeclaration>> ValidRows = new(() => DeclarationCsvReader.ReadExamined(ValidPath));

    public static string TrainPath => RepositoryData.PathOf("customs-declarations", "train.csv");

    public static string ValidPath => RepositoryData.PathOf("customs-declarations", "valid.csv");

    public static IReadOnlyList<ExaminedDeclaration> Train => TrainRows.Value;

    public static IReadOnlyList<ExaminedDeclaration> Valid => ValidRows.Value;

    /// <summary>The first rows of the training period: enough to learn something, small enough to train in a second.</summary>
    public static IReadOnlyList<ExaminedDeclaration> SmallTrain => [.. Train.Take(5000)];

    public static IReadOnlyList<ExaminedDeclaration> SmallValid => [.. Valid.Take(2000)];

    /// <summary>Small, quick settings: few trees, one thread.</summary>
    public static ModelSettings QuickSettings => ModelSettings.Default with { Trees = 40, Threads = 1 };

    public static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "opencts-riskmodel-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static Declaration Declaration(string importer = "IMP1", string hs6 = "620822", string origin = "CN", double price = 1000) =>
        new("D1", new DateOnly(2021, 1, 4), "40", "B", "11", "21", "11", "40", "DEC1", importer, "SEL1", "", hs6, "CN", origin, 8, "A", "Y", 10, price);

    public static ExaminedDeclaration Examined(Declaration declaration, bool fraud) => new(declaration, fraud, false);
}
