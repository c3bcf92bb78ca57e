namespace OpenCts.Storage.Commerce;

/// <summary>The party records of a split as one column: one <c>documentKey|role</c> a line, as both backends keep them.</summary>
public static class EntityDecisionRecords
{
    public static string Join(IReadOnlyList<string> records) => string.Join('\n', records);

    public static IReadOnlyList<string> Split(string column) =>
        column.Length == 0 ? [] : column.Split('\n');
}
