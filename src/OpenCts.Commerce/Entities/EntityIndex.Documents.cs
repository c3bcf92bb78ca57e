namespace OpenCts.Commerce.Entities;

public sealed partial class EntityIndex
{
    /// <summary>Whether the index knows the document: learned from its parties, or named by an examination.</summary>
    public bool HasDocument(string documentKey)
    {
        ArgumentNullException.ThrowIfNull(documentKey);
        return FindDoc(documentKey) >= 0;
    }

    /// <summary>The key of the document the index came to know <paramref name="index"/>th (0 is the first).</summary>
    /// <exception cref="ArgumentOutOfRangeException">There are not that many documents.</exception>
    public string DocumentKeyAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, docSlots.Count);
        return DocKeyOf(index);
    }
}
