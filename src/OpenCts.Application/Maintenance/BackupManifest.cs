using System.Text.Json;
using System.Text.Json.Serialization;
using OpenCts.Domain.Common;
using OpenCts.Storage.Maintenance;

namespace OpenCts.Application.Maintenance;

/// <summary>The manifest of a backup (<c>manifest.json</c>): what was copied, when, from where, and the ledger's tree at that moment, so a restore can check it.</summary>
/// <param name="Format">Always <see cref="CurrentFormat"/>.</param>
/// <param name="Backend"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="Source">Where the store was, for people (a path or a server address without credentials).</param>
/// <param name="CreatedAt">When the copy was taken.</param>
/// <param name="TreeSize">Leaves in the ledger's tree in the copy.</param>
/// <param name="RootHash">The tree's root hash in the copy, base64.</param>
/// <param name="PendingLeaves">Leaves journaled in the copy and not yet sequenced.</param>
/// <param name="Messages">Raw messages in the copy.</param>
/// <param name="DatabaseFiles">The files the backend wrote (the database copy).</param>
/// <param name="Files">Every file of the backup but the manifest, with its size and SHA-256.</param>
public sealed record BackupManifest(
    string Format,
    string Backend,
    string Source,
    DateTimeOffset CreatedAt,
    long TreeSize,
    string RootHash,
    long PendingLeaves,
    long Messages,
    IReadOnlyList<string> DatabaseFiles,
    IReadOnlyList<BackupFile> Files)
{
    /// <summary>The manifest's name in a backup folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The format this version writes and reads.</summary>
    public const string CurrentFormat = "opencts-backup/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>The ledger head the manifest records.</summary>
    public LedgerHead Ledger => new(TreeSize, Convert.FromBase64String(RootHash));

    /// <summary>The database copy as the backend reported it.</summary>
    public DatabaseCopy Copy => new(DatabaseFiles, Ledger, PendingLeaves, Messages);

    /// <summary>Writes the manifest into a backup folder.</summary>
    public void Save(string directory) => File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>Reads and checks the manifest of a backup folder.</summary>
    /// <exception cref="InputFormatException">The folder has no manifest, or it is not one this version reads; the message names the file and the field.</exception>
    public static BackupManifest Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new InputFormatException($"{path}: not found; a backup folder holds the manifest cts backup wrote", path);
        }
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InputFormatException($"{path}: line {(e.LineNumber ?? 0) + 1}, {e.Path}: {e.Message}", path);
        }
        if (manifest is null)
        {
            throw new InputFormatException($"{path}: empty manifest", path);
        }
        Require(path, "format", manifest.Format == CurrentFormat, $"is '{manifest.Format}', this version reads {CurrentFormat}");
        Require(path, "backend", manifest.Backend is "sqlite" or "postgres", $"is '{manifest.Backend}', not sqlite or postgres");
        Require(path, "treeSize", manifest.TreeSize >= 0, "is negative");
        Require(path, "rootHash", IsHash(manifest.RootHash), "is not a base64 SHA-256 hash");
        Require(path, "files", manifest.Files is { Count: > 0 } && manifest.DatabaseFiles is { Count: > 0 }, "is empty");
        foreach (var (file, index) in manifest.Files.Select((f, i) => (f, i)))
        {
            Require(path, $"files[{index}].path", IsInside(file.Path), $"'{file.Path}' is not a relative path inside the backup");
            Require(path, $"files[{index}].sha256", file.Sha256 is { Length: 64 }, "is not a hex SHA-256");
        }
        Require(path, "databaseFiles", manifest.DatabaseFiles.All(d => manifest.Files.Any(f => f.Path == d)), "names a file the files list does not");
        return manifest;
    }

    private static bool IsHash(string? text)
    {
        var bytes = new byte[48];
        return text is not null && Convert.TryFromBase64String(text, bytes, out var written) && written == 32;
    }

    private static bool IsInside(string? relative) =>
        !string.IsNullOrEmpty(relative) && !Path.IsPathRooted(relative) && !relative.Split('/', '\\').Any(part => part is ".." or "");

    private static void Require(string path, string field, bool condition, string problem)
    {
        if (!condition)
        {
            throw new InputFormatException($"{path}: {field} {problem}", path);
        }
    }
}

/// <summary>A file of a backup: its path relative to the backup folder (with '/' separators), size and SHA-256.</summary>
public sealed record BackupFile(string Path, long Bytes, string Sha256);
