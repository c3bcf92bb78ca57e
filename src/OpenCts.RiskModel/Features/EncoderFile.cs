using System.Text;

namespace OpenCts.RiskModel.Features;

/// <summary>Writes and reads the fitted encoding tables of a model (<c>encodings.bin</c>).</summary>
/// <remarks>
/// Binary because the tables hold hundreds of thousands of keys; the group names are written too, so tables are never
/// read against settings they were not fitted for.
/// </remarks>
internal static class EncoderFile
{
    private const string Magic = "OCTS-ENCODINGS-1";

    public static void Write(FeatureEncoder encoder, Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(encoder.Prior);
        writer.Write(encoder.Tables.Count);
        for (var g = 0; g < encoder.Tables.Count; g++)
        {
            writer.Write(encoder.Settings.Groups[g].Name);
            var table = encoder.Tables[g];
            writer.Write(table.Count);
            // Sorted, so that one model always gives the same bytes.
            foreach (var (key, stats) in table.OrderBy(e => e.Key))
            {
                writer.Write(key);
                writer.Write(stats.Count);
                writer.Write(stats.Positives);
            }
        }
    }

    public static FeatureEncoder Read(Stream stream, FeatureSettings settings, string name)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException($"{name} is not an OpenCTS encodings file");
            }
            var prior = reader.ReadDouble();
            var groups = reader.ReadInt32();
            if (groups != settings.Groups.Count)
            {
                throw new InvalidDataException($"{name} has {groups} encoding groups but the manifest names {settings.Groups.Count}");
            }
            var tables = new Dictionary<ulong, CategoryStats>[groups];
            for (var g = 0; g < groups; g++)
            {
                var groupName = reader.ReadString();
                if (!string.Equals(groupName, settings.Groups[g].Name, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"{name} has group '{groupName}' where the manifest names '{settings.Groups[g].Name}'");
                }
                var count = reader.ReadInt32();
                var table = new Dictionary<ulong, CategoryStats>(count);
                for (var i = 0; i < count; i++)
                {
                    table[reader.ReadUInt64()] = new CategoryStats(reader.ReadInt32(), reader.ReadInt32());
                }
                tables[g] = table;
            }
            return new FeatureEncoder(settings, prior, tables);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{name} ends early", e);
        }
    }
}
