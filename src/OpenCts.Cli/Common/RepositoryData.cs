namespace OpenCts.Cli.Common;

/// <summary>Finds the reference data an OpenCTS checkout keeps under <c>data/</c>, for the commands that default to it.</summary>
/// <remarks>
/// The repository is the first folder holding <c>OpenCts.slnx</c> above the working folder, or else above the tool's own
/// folder, so a command run from anywhere in a checkout, or with a tool built from one, finds the data without a path.
/// </remarks>
internal static class RepositoryData
{
    /// <summary>The path of a file or folder under the repository's <c>data/</c>, or null when no checkout holds it.</summary>
    public static string? Find(params string[] parts) => FindInCheckout(["data", .. parts]);

    /// <summary>The path of a file or folder under the repository's root, or null when no checkout holds it.</summary>
    public static string? FindInCheckout(params string[] parts)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            if (RootAbove(start) is { } root)
            {
                var candidate = Path.Combine([root, .. parts]);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static string? RootAbove(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenCts.slnx")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
