using OpenCts.Domain.Assessments;
using OpenCts.Domain.Profiles;
using OpenCts.Targeting.Catalog;
using OpenCts.Targeting.Profiles.Compilation;

namespace OpenCts.Cli.Profiles;

/// <summary>Reads what the profile commands take: a profile file or a bare criteria text, and a folder of reference lists.</summary>
internal static class ProfileSources
{
    /// <summary>The profiles of a <c>{"profiles": [...]}</c> file, or one profile named after a criteria text file.</summary>
    public static IReadOnlyList<RiskProfile> Load(string path)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return ProfileFile.Load(path);
        }
        var criteria = File.ReadAllText(path);
        return [new RiskProfile(Path.GetFileNameWithoutExtension(path), Path.GetFileName(path), ThreatCategory.Other, criteria, 1, ProfileAction.DocumentaryCheck, "cli")];
    }

    /// <summary>The reference lists of a folder (one text file per list); null without a folder, so list names go unchecked.</summary>
    public static ProfileEnvironment Environment(string? folder)
    {
        if (folder is null)
        {
            return ProfileEnvironment.Unchecked;
        }
        var lists = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            var (name, values) = ReferenceListFile.Load(file);
            lists[name] = [.. values];
        }
        return new ProfileEnvironment(lists);
    }
}
