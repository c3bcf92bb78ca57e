using System.Reflection;

namespace OpenCts.Ingestion.Reference;

/// <summary>Reads the reference CSV files embedded in this assembly (copied from <c>data/reference/</c>), row by row.</summary>
internal static class ReferenceCsv
{
    /// <summary>The names of the columns.</summary>
    public static string[] Header(string fileName)
    {
        using var reader = Open(fileName);
        var fields = new List<string>();
        Split(reader.ReadLine() ?? "", fields);
        return [.. fields];
    }

    /// <summary>The rows after the header, each split into its fields; quoted fields may hold commas.</summary>
    public static IEnumerable<string[]> Rows(string fileName)
    {
        using var reader = Open(fileName);
        reader.ReadLine();
        var fields = new List<string>(16);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            Split(line, fields);
            yield return [.. fields];
        }
    }

    private static StreamReader Open(string fileName)
    {
        var stream = typeof(ReferenceCsv).Assembly.GetManifestResourceStream($"OpenCts.Reference.{fileName}")
            ?? throw new InvalidOperationException($"the reference file {fileName} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}");
        return new StreamReader(stream);
    }

    /// <summary>Splits one line (no field of these files spans lines), dropping quotes and the padding UNECE leaves.</summary>
    private static void Split(string line, List<string> fields)
    {
        fields.Clear();
        var i = 0;
        while (i <= line.Length)
        {
            if (i < line.Length && line[i] == '"')
            {
                var text = new System.Text.StringBuilder();
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            text.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.Append(line[i++]);
                }
                fields.Add(text.ToString().Trim());
                var comma = line.IndexOf(',', i);
                i = comma < 0 ? line.Length + 1 : comma + 1;
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                fields.Add(line[i..end].Trim());
                i = end + 1;
            }
        }
    }
}
