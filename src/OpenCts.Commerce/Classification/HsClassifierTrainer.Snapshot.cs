namespace OpenCts.Commerce.Classification;

public sealed partial class HsClassifierTrainer
{
    private const string SnapshotTag = "HSCT";
    private const int SnapshotVersion = 1;
    private const string SnapshotWhat = "classifier trainer";

    /// <summary>Writes the counts so far, so that <see cref="Load"/> gives a trainer that builds the same classifier and goes on counting exactly as this one.</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        SnapshotFormat.WriteHeader(writer, SnapshotTag, SnapshotVersion);
        writer.Write(Descriptions);
        writer.Write(_headings.Count);
        for (var label = 0; label < _headings.Count; label++)
        {
            SnapshotFormat.WriteString(writer, _headings[label]);
            writer.Write(_documents[label]);
            writer.Write(_mass[label]);
        }
        // In the dictionary's order, which Build reads them in.
        writer.Write(_counts.Count);
        foreach (var (key, count) in _counts)
        {
            writer.Write(key);
            writer.Write(count);
        }
    }

    /// <summary>Reads a trainer written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// The input is not a saved trainer, is of another format version, is truncated, or holds a count, a heading or a
    /// label out of range.
    /// </exception>
    public static HsClassifierTrainer Load(BinaryReader reader) =>
        SnapshotFormat.Read(reader, SnapshotWhat, static reader =>
        {
            var trainer = new HsClassifierTrainer();
            SnapshotFormat.ReadHeader(reader, SnapshotTag, SnapshotVersion, SnapshotWhat);
            trainer.Descriptions = reader.ReadInt64();
            var headings = SnapshotFormat.ReadCount(reader, MaxHeadings, SnapshotWhat);
            for (var label = 0; label < headings; label++)
            {
                var heading = SnapshotFormat.ReadString(reader, SnapshotWhat);
                if (Heading(heading) != heading || !trainer._classes.TryAdd(heading, label))
                {
                    throw new InvalidDataException($"{SnapshotWhat}: heading '{heading}' is not a heading or comes twice");
                }
                trainer._headings.Add(heading);
                trainer._documents.Add(reader.ReadDouble());
                trainer._mass.Add(reader.ReadDouble());
            }
            for (var i = SnapshotFormat.ReadCount(reader, int.MaxValue, SnapshotWhat); i > 0; i--)
            {
                var key = reader.ReadInt64();
                if ((key & LabelMask) >= headings || !trainer._counts.TryAdd(key, reader.ReadSingle()))
                {
                    throw new InvalidDataException($"{SnapshotWhat}: feature key {key} of label {key & LabelMask} out of range ({headings} headings) or twice");
                }
            }
            return trainer;
        });

    // A key is a feature above 20 bits of label.
    private const long LabelMask = 0xFFFFF;

    // Four digits make at most 10,000 headings.
    private const int MaxHeadings = 10_000;
}
