using OpenCts.Cli.Common;

namespace OpenCts.Cli.Pipeline;

/// <summary>What the bulk bench puts beside its generated consignments: the samples' profiles, reference lists and watch list, and later one new profile.</summary>
/// <remarks>Without them the engine had nothing to run, and re-assessing had no profile change to follow.</remarks>
internal static class BenchBundle
{
    private static readonly string[] TargetingFolders = ["profiles", "reference-lists", "watchlists"];

    /// <summary>The profile an analyst adds before the history is re-assessed: mobile phones to a documentary check.</summary>
    /// <remarks>It meets a few in a hundred generated consignments: what one new profile changes, while the rest stand.</remarks>
    public const string AddedProfile = """
        {"profiles": [{"id": "BENCH-PHONES", "name": "Mobile phones (added before re-assessing)", "category": "revenueAndValuation",
          "criteria": "any goods: goods.hs4 == \"8517\"", "weight": 25, "action": "documentaryCheck", "owner": "bench"}]}
        """;

    /// <summary>Copies the samples' profiles, reference lists and watch lists from the checkout into the bundle.</summary>
    public static void WriteTargetingSet(string bundle)
    {
        foreach (var name in TargetingFolders)
        {
            var source = RepositoryData.FindInCheckout("samples", name)
                ?? throw new InvalidOperationException($"samples/{name} not found: run the bench from an OpenCTS checkout");
            var target = Directory.CreateDirectory(Path.Combine(bundle, name)).FullName;
            foreach (var file in Directory.EnumerateFiles(source))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }
    }

    /// <summary>Writes a bundle that holds only <see cref="AddedProfile"/>: loading it adds the profile and stores nothing else.</summary>
    public static void WriteProfileChange(string bundle)
    {
        var folder = Directory.CreateDirectory(Path.Combine(bundle, "profiles")).FullName;
        File.WriteAllText(Path.Combine(folder, "added.json"), AddedProfile);
    }
}
