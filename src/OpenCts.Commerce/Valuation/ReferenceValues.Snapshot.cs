namespace OpenCts.Commerce.Valuation;

public sealed partial class ReferenceValues
{
    private const string SnapshotTag = "REFV";
    private const int SnapshotVersion = 1;
    private const string SnapshotWhat = "reference values";

    /// <summary>Writes every key's sample whole, so that <see cref="Load"/> gives reference values that answer and go on learning exactly as these.</summary>
    /// <remarks>Takes the lock while it writes: lines observed meanwhile wait.</remarks>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        lock (_gate)
        {
            SnapshotFormat.WriteHeader(writer, SnapshotTag, SnapshotVersion);
            writer.Write(SampleSize);
            writer.Write(_samples.Count);
            foreach (var (key, sample) in _samples)
            {
                writer.Write(key);
                sample.Save(writer);
            }
        }
    }

    /// <summary>Reads reference values written by <see cref="Save"/>, with the history thresholds of <paramref name="settings"/>.</summary>
    /// <remarks>
    /// The minimum history only decides which key answers, so the settings' is taken; the sample size decides what each
    /// sample kept, so values saved with another are refused (learning them again from the history gives the right ones).
    /// </remarks>
    /// <exception cref="InvalidDataException">
    /// The input is not saved reference values, is of another format version or sample size, is truncated, or holds a
    /// count out of range.
    /// </exception>
    public static ReferenceValues Load(BinaryReader reader, CommerceSettings settings) =>
        SnapshotFormat.Read(reader, SnapshotWhat, reader =>
        {
            var values = new ReferenceValues(settings);
            SnapshotFormat.ReadHeader(reader, SnapshotTag, SnapshotVersion, SnapshotWhat);
            var sampleSize = reader.ReadInt32();
            if (sampleSize != values.SampleSize)
            {
                throw new InvalidDataException($"{SnapshotWhat}: saved with samples of {sampleSize} values, the settings keep {values.SampleSize}");
            }
            for (var i = SnapshotFormat.ReadCount(reader, int.MaxValue, SnapshotWhat); i > 0; i--)
            {
                var key = reader.ReadInt64();
                if (!values._samples.TryAdd(key, UnitValueSample.Load(reader, sampleSize, SnapshotWhat)))
                {
                    throw new InvalidDataException($"{SnapshotWhat}: key {key} twice");
                }
            }
            return values;
        });
}
