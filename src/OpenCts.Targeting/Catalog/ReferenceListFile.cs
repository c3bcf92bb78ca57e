namespace OpenCts.Targeting.Catalog;

/// <summary>A named reference list kept as a text file: the file's name is the list's name, one value a line, <c>#</c> starts a comment.</summary>
public static class ReferenceListFile
{
    public static (string Name, IReadOnlyList<string> Values) Load(string path)
    {
        var values = new List<string>();
        foreach (var raw in File.ReadLines(path))
        {
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length > 0)
            {
                values.Add(line);
            }
        }
        return (Path.GetFileNameWithoutExtension(path), values);
    }
}
