namespace OpenCts.Cli.Model;

/// <summary>Finds the shared customs-declarations files when a command is not given them.</summary>
internal static class DeclarationData
{
    /// <summary>The path of a file in <c>shared/data/customs-declarations</c> beside the working folder or the tool, or null.</summary>
    public static string? Find(string file)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", "customs-declarations", file);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
