using System.Text;
using OpenCts.Commerce.Classification;
using OpenCts.Commerce.Entities;
using OpenCts.Commerce.Valuation;

namespace OpenCts.Application.Commerce;

/// <summary>Where a checkpoint stands in the store, and what it was learned with.</summary>
/// <param name="DeclaredThrough">The classifier's trainer read every current declaration stored up to this consignment version row.</param>
/// <param name="DeclaredDocument">The document key of that version, to know the store again; empty with 0.</param>
/// <param name="AssessedThrough">Every assessment up to this id (in the order saved) was learned; 0 when none is vouched for.</param>
/// <param name="AssessedDocument">The document key of that assessment, to know the store again; empty with 0.</param>
/// <param name="AssessedVersion">Its consignment version.</param>
/// <param name="DecidedThrough">The analysts' decisions up to this id were applied, and none after.</param>
/// <param name="Documents">A few of the documents learned (the first, the middle and the last): a store that lacks one is not the one learned from.</param>
/// <param name="Build">The build that wrote it: what is learned from a consignment is the code's, so another build learns again.</param>
/// <param name="Configuration">The commerce configuration's <see cref="CommerceConfiguration.LearningFingerprint"/>.</param>
/// <param name="WrittenAt">When it was written.</param>
internal sealed record CheckpointHeader(
    long DeclaredThrough,
    string DeclaredDocument,
    long AssessedThrough,
    string AssessedDocument,
    int AssessedVersion,
    long DecidedThrough,
    IReadOnlyList<string> Documents,
    string Build,
    string Configuration,
    DateTimeOffset WrittenAt);

/// <summary>What a checkpoint holds: its header and the indicators' learned state.</summary>
internal sealed record CheckpointContent(CheckpointHeader Header, HsClassifierTrainer Trainer, ReferenceValues References, EntityIndex Entities);

/// <summary>
/// The e-commerce indicators' learned state in one file of the data folder (<c>commerce/indicators.checkpoint</c>): the
/// entity index, the reference values and the classifier's trainer, with where in the store's assessments and
/// decisions they stand.
/// </summary>
/// <remarks>
/// A process loads it and learns only what was assessed since, instead of replaying the whole history at every start
/// (at a million consignments, about forty seconds of a re-assessment). It is written to a temporary file that then
/// replaces the old one, so a crash leaves the old checkpoint or the new, never half of one. Anything that does not
/// match (another build, another configuration, a damaged file) is set aside with a reason, and the indicators are
/// built from the store as before.
/// </remarks>
internal static class IndicatorsCheckpoint
{
    public const string FileName = "indicators.checkpoint";

    private const int Format = 1;
    private static readonly byte[] Magic = "OPENCTS-INDICATORS\n"u8.ToArray();
    private const string End = "end of checkpoint";

    /// <summary>The checkpoint's path in a data folder.</summary>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "commerce", FileName);

    /// <summary>The build's identity: the modules that decide what is learned from a consignment.</summary>
    public static string CurrentBuild { get; } =
        $"{typeof(EntityIndex).Assembly.ManifestModule.ModuleVersionId:N}.{typeof(IndicatorsCheckpoint).Assembly.ManifestModule.ModuleVersionId:N}";

    /// <summary>Writes the checkpoint; the caller holds the indicators still.</summary>
    /// <param name="path">The checkpoint's path.</param>
    /// <param name="header">Where it stands.</param>
    /// <param name="trainer">The classifier's trainer as <see cref="HsClassifierTrainer.Save"/> wrote it.</param>
    /// <param name="references">The reference values.</param>
    /// <param name="entities">The entity index.</param>
    public static void Write(string path, CheckpointHeader header, byte[] trainer, ReferenceValues references, EntityIndex entities)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(Format);
                writer.Write(header.DeclaredThrough);
                writer.Write(header.DeclaredDocument);
                writer.Write(header.AssessedThrough);
                writer.Write(header.AssessedDocument);
                writer.Write(header.AssessedVersion);
                writer.Write(header.DecidedThrough);
                writer.Write(header.Documents.Count);
                foreach (var document in header.Documents)
                {
                    writer.Write(document);
                }
                writer.Write(header.Build);
                writer.Write(header.Configuration);
                writer.Write(header.WrittenAt.UtcTicks);
                writer.Write(trainer);
                references.Save(writer);
                entities.Save(writer);
                writer.Write(End);
                writer.Flush();
                // The parts check their tags, counts and lengths, not every field of every record: the checksum does.
                file.Write(Checksum(file, file.Length));
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Reads the header alone, to decide whether the rest is worth reading.</summary>
    /// <returns>The header, or null with the reason it cannot be used.</returns>
    public static CheckpointHeader? ReadHeader(string path, out string reason)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12);
            using var reader = new BinaryReader(file, Encoding.UTF8);
            return ReadHeader(reader, path, out reason);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or OverflowException)
        {
            reason = $"{path}: {e.Message}";
            return null;
        }
    }

    /// <summary>Reads the whole checkpoint.</summary>
    /// <returns>Its content, or null with the reason it cannot be used.</returns>
    public static CheckpointContent? Read(string path, CommerceConfiguration configuration, out string reason)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            // Taken before anything reads: asking a FileStream for its handle flushes its buffer and moves its position,
            // which broke the index's first half when the second half's thread asked for it (docs/performance.md, twentieth round).
            var handle = file.SafeFileHandle;
            using var reader = new BinaryReader(file, Encoding.UTF8);
            if (ReadHeader(reader, path, out reason) is not { } header)
            {
                return null;
            }
            var headerEnd = file.Position;
            var content = file.Length - ChecksumBytes;
            var stored = new byte[ChecksumBytes];
            if (content < file.Position || !ReadAt(file, content, stored) || !Checksum(file, content).AsSpan().SequenceEqual(stored))
            {
                reason = $"{path}: damaged (its checksum does not match its content)";
                return null;
            }
            file.Position = headerEnd;
            var trainer = HsClassifierTrainer.Load(reader);
            var references = ReferenceValues.Load(reader, configuration.Settings);
            // The index's second half is read on another thread while this one reads the first, through the handle of the
            // file whose checksum was checked, at a position of its own.
            var entities = EntityIndex.Load(reader, at => new BinaryReader(new BufferedStream(new FileSlice(handle, at), 1 << 16), Encoding.UTF8));
            if (reader.ReadString() != End || file.Position != content)
            {
                throw new InvalidDataException("the file does not end where its content does");
            }
            return new CheckpointContent(header, trainer, references, entities);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or OverflowException or ArgumentException)
        {
            // EndOfStreamException is an IOException: a file cut short is damaged like any other.
            reason = $"{path}: {e.Message}";
            return null;
        }
    }

    private const int ChecksumBytes = 16;

    /// <summary>XxHash128 of the file's first <paramref name="length"/> bytes; leaves the position at that length.</summary>
    private static byte[] Checksum(FileStream file, long length)
    {
        var hash = new System.IO.Hashing.XxHash128();
        var buffer = new byte[1 << 20];
        file.Position = 0;
        for (var left = length; left > 0;)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new EndOfStreamException("the file is shorter than its content");
            }
            hash.Append(buffer.AsSpan(0, read));
            left -= read;
        }
        return hash.GetCurrentHash();
    }

    private static bool ReadAt(FileStream file, long offset, byte[] into)
    {
        file.Position = offset;
        return file.ReadAtLeast(into, into.Length, throwOnEndOfStream: false) == into.Length;
    }

    private static CheckpointHeader? ReadHeader(BinaryReader reader, string path, out string reason)
    {
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            reason = $"{path}: not an indicators checkpoint";
            return null;
        }
        var format = reader.ReadInt32();
        if (format != Format)
        {
            reason = $"{path}: format {format}, this build reads {Format}";
            return null;
        }
        var declaredThrough = reader.ReadInt64();
        var declaredDocument = reader.ReadString();
        var assessedThrough = reader.ReadInt64();
        var assessedDocument = reader.ReadString();
        var assessedVersion = reader.ReadInt32();
        var decidedThrough = reader.ReadInt64();
        var count = reader.ReadInt32();
        if (count is < 0 or > 16)
        {
            throw new InvalidDataException($"{count} sample documents");
        }
        var documents = new string[count];
        for (var i = 0; i < count; i++)
        {
            documents[i] = reader.ReadString();
        }
        var header = new CheckpointHeader(declaredThrough, declaredDocument, assessedThrough, assessedDocument, assessedVersion, decidedThrough, documents,
            reader.ReadString(), reader.ReadString(), new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero));
        reason = "";
        if (header.Build != CurrentBuild)
        {
            reason = $"{path}: written by another build of OpenCTS";
            return null;
        }
        return header;
    }
}
