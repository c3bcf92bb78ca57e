namespace OpenCts.Tests.Shared;

/// <summary>Finds the repository root and the reference data the repository keeps under <c>data/</c>.</summary>
internal static class RepositoryData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Directory => Path.Combine(RepositoryRoot, "data");

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
