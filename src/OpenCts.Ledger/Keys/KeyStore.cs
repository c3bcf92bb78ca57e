using OpenCts.Ledger.Notes;

namespace OpenCts.Ledger.Keys;

/// <summary>Keeps a signing key in a folder with owner-only permissions, and every verifier key it ever had, so rotated-out keys still verify old checkpoints.</summary>
/// <remarks>
/// Files: <c>&lt;name&gt;.key</c> (the secret signer key, mode 600, folder mode 700) and <c>&lt;name&gt;.vkeys</c> (one public verifier key a line, newest last).
/// The secret is never printed or logged; only <see cref="NoteSigner.ExportSignerKey"/> writes it, here.
/// </remarks>
public sealed class KeyStore(string directory, string fileName, NoteKeyType type)
{
    /// <summary>The key store of a log: its checkpoint signing key in <c>&lt;data&gt;/keys/ledger.key</c>.</summary>
    public static KeyStore ForLog(string dataDirectory) => new(Path.Combine(dataDirectory, "keys"), "ledger", NoteKeyType.Ed25519);

    /// <summary>The key store of a witness: its cosigning key in <c>&lt;data&gt;/keys/witness.key</c>.</summary>
    public static KeyStore ForWitness(string dataDirectory) => new(Path.Combine(dataDirectory, "keys"), "witness", NoteKeyType.CosignatureV1);

    /// <summary>Path of the secret key file.</summary>
    public string SignerPath => Path.Combine(directory, fileName + ".key");

    /// <summary>Path of the published verifier keys.</summary>
    public string VerifiersPath => Path.Combine(directory, fileName + ".vkeys");

    /// <summary>True when a signing key exists.</summary>
    public bool Exists => File.Exists(SignerPath);

    /// <summary>Loads the signing key, creating it with <paramref name="name"/> on first use.</summary>
    public NoteSigner LoadOrCreate(string name)
    {
        if (Exists)
        {
            return Load();
        }
        var signer = NoteSigner.Generate(name, type);
        Save(signer, FileMode.CreateNew);
        return signer;
    }

    /// <summary>Loads the signing key.</summary>
    public NoteSigner Load()
    {
        var signer = NoteSigner.Parse(File.ReadAllText(SignerPath));
        if (signer.Verifier.Type != type)
        {
            signer.Dispose();
            throw new InvalidOperationException($"{SignerPath} holds a key of type {signer.Verifier.Type}, not {type}");
        }
        return signer;
    }

    /// <summary>Replaces the signing key by a new one of the same name; the old verifier key stays published so old checkpoints verify.</summary>
    public NoteSigner Rotate()
    {
        using var old = Load();
        var signer = NoteSigner.Generate(old.Name, type);
        var temporary = SignerPath + ".new";
        File.Delete(temporary);
        Save(signer, FileMode.CreateNew, temporary);
        File.Move(temporary, SignerPath, overwrite: true);
        return signer;
    }

    /// <summary>Every verifier key this store has published, oldest first.</summary>
    public IReadOnlyList<NoteVerifier> Verifiers() =>
        File.Exists(VerifiersPath)
            ? [.. File.ReadAllLines(VerifiersPath).Where(l => l.Length > 0).Select(NoteVerifier.Parse)]
            : [];

    private void Save(NoteSigner signer, FileMode mode, string? path = null)
    {
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(path ?? SignerPath, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(signer.ExportSignerKey());
            writer.Write('\n');
        }
        File.AppendAllText(VerifiersPath, signer.Verifier.VerifierKey + "\n");
    }
}
