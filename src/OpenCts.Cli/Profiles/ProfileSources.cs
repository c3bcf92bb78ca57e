using OpenCts.Domain.Assessments;
using OpenCts.Domain.Profiles;
using OpenCts.Targeting.Catalog;
using OpenCts.Targeting.Profiles.Compilation;
using OpenCts.Targeting.Profiles.Syntax;

namespace OpenCts.Cli.Profiles;

/// <summary>Reads what the profile commands take: a profile file or a bare criteria text, and a folder of reference lists.</summary>
internal static class ProfileSources
{
    /// <summary>The profiles of a <c>{"profiles": [...]}</c> file, or one profile named after a criteria text file.</summary>
    /// <exception cref="FormatException">The file is not valid JSON or a profile breaks a rule; the message names the file and the place.</exception>
    /// <exception cref="IOException">The file cannot be read; the message names it.</exception>
    public static IReadOnlyList<RiskProfile> Load(string path)
    {
        RequireFile(path);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return ProfileFile.Load(path);
        }
        var criteria = File.ReadAllText(path);
        return [new RiskProfile(Path.GetFileNameWithoutExtension(path), Path.GetFileName(path), ThreatCategory.Other, criteria, 1, ProfileAction.DocumentaryCheck, "cli")];
    }

    /// <summary>A profile as an analyst tries it before it goes live: in force whatever its status (draft, awaiting approval, retired) and validity dates.</summary>
    public static RiskProfile AsTried(RiskProfile profile) => profile with { Status = ProfileStatus.Active, ValidFrom = null, ValidTo = null };

    /// <summary>The reference lists of a folder (one text file per list); null without a folder, so list names go unchecked.</summary>
    public static ProfileEnvironment Environment(string? folder)
    {
        if (folder is null)
        {
            return ProfileEnvironment.Unchecked;
        }
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: no such folder of reference lists");
        }
        var lists = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            var (name, values) = ReferenceListFile.Load(file);
            lists[name] = [.. values];
        }
        return new ProfileEnvironment(lists);
    }

    /// <summary>Throws when there is no file at the path, with a message that names it as the user wrote it.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }
    }

    /// <summary>Whether an exception says an input could not be read or is not in its format, a user's mistake to report in one line rather than a fault.</summary>
    /// <remarks>The messages of these exceptions name the file; <see cref="ProfileException"/> is left out, as its errors are in criteria and the caller names the profile.</remarks>
    public static bool IsUnreadable(Exception e) => e is (FormatException and not ProfileException) or IOException or UnauthorizedAccessException;
}
