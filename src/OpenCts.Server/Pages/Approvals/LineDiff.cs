namespace OpenCts.Server.Pages.Approvals;

/// <summary>One line of a difference: kept, removed from the old text, or added in the new one.</summary>
public sealed record DiffLine(char Change, string Text);

/// <summary>The line-by-line difference of two texts, by their longest common subsequence of lines.</summary>
/// <remarks>Profile criteria are a few dozen lines at most, so the quadratic table costs nothing.</remarks>
public static class LineDiff
{
    public static IReadOnlyList<DiffLine> Of(string? before, string after)
    {
        var a = Lines(before);
        var b = Lines(after);
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }
        var lines = new List<DiffLine>(a.Length + b.Length);
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add(new DiffLine(' ', a[x++]));
                y++;
            }
            else if (y < b.Length && (x == a.Length || common[x, y + 1] >= common[x + 1, y]))
            {
                lines.Add(new DiffLine('+', b[y++]));
            }
            else
            {
                lines.Add(new DiffLine('-', a[x++]));
            }
        }
        return lines;
    }

    private static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
