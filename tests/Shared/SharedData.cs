namespace OpenCts.Tests.Shared;

/// <summary>Finds the repository root and the read-only reference data beside it (<c>../shared/data</c>).</summary>
internal static class SharedData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Directory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenCts.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("OpenCts.slnx not found above " + AppContext.BaseDirectory);
    }
}
