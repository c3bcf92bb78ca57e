using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Storage;

namespace OpenCts.Ledger.Witness;

/// <summary>A tlog-witness: cosigns a log's checkpoint only if it extends the last checkpoint it cosigned for that log.</summary>
/// <remarks>
/// What a partner administration runs, with its own key and its own SQLite state. Checking the old size and storing the new
/// checkpoint happen in one immediate transaction, so two racing requests can never roll the witness back.
/// </remarks>
public sealed class CheckpointWitness : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly NoteSigner _signer;
    private readonly TimeProvider _time;
    private readonly object _gate = new();

    /// <summary>A witness signing with <paramref name="signer"/> (type 0x04) and keeping its state in <paramref name="databasePath"/>.</summary>
    public CheckpointWitness(string databasePath, NoteSigner signer, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (signer.Verifier.Type != NoteKeyType.CosignatureV1)
        {
            throw new ArgumentException("a witness cosigns with a cosignature (0x04) key", nameof(signer));
        }
        _signer = signer;
        _time = time ?? TimeProvider.System;
        _connection = LedgerSchema.Open(databasePath);
        using var create = _connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE IF NOT EXISTS witness_trusted_keys (origin TEXT NOT NULL, vkey TEXT NOT NULL, PRIMARY KEY (origin, vkey));
            CREATE TABLE IF NOT EXISTS witness_logs (origin TEXT PRIMARY KEY, size INTEGER NOT NULL, root BLOB NOT NULL, note TEXT NOT NULL, updated_at TEXT NOT NULL);
            """;
        create.ExecuteNonQuery();
    }

    /// <summary>The witness's public cosignature key.</summary>
    public NoteVerifier Verifier => _signer.Verifier;

    /// <summary>Trusts a log key for checkpoints whose origin is <paramref name="origin"/> (by default the key's name); kept in the state file.</summary>
    public void TrustLog(NoteVerifier logKey, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        lock (_gate)
        {
            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT OR IGNORE INTO witness_trusted_keys (origin, vkey) VALUES ($o, $k)";
            insert.Parameters.AddWithValue("$o", origin ?? logKey.Name);
            insert.Parameters.AddWithValue("$k", logKey.VerifierKey);
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>The size and root the witness last cosigned for a log, or null.</summary>
    public (long Size, byte[] Root)? Latest(string origin)
    {
        lock (_gate)
        {
            using var read = _connection.CreateCommand();
            read.CommandText = "SELECT size, root FROM witness_logs WHERE origin = $o";
            read.Parameters.AddWithValue("$o", origin);
            using var reader = read.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : null;
        }
    }

    /// <summary>Handles an add-checkpoint request body and answers as tlog-witness says.</summary>
    public WitnessResponse AddCheckpoint(string body)
    {
        AddCheckpointRequest request;
        try
        {
            request = AddCheckpointRequest.Parse(body);
        }
        catch (NoteFormatException e)
        {
            return new WitnessResponse(400, e.Message + "\n");
        }
        var checkpoint = request.Checkpoint.Checkpoint;
        lock (_gate)
        {
            var keys = TrustedKeys(checkpoint.Origin);
            if (keys.Count == 0)
            {
                return new WitnessResponse(404, $"unknown log origin {checkpoint.Origin}\n");
            }
            try
            {
                request.Checkpoint.Note.Verify(keys);
            }
            catch (NoteVerificationException e)
            {
                return new WitnessResponse(403, e.Message + "\n");
            }
            if (request.OldSize > checkpoint.Size)
            {
                return new WitnessResponse(400, $"old size {request.OldSize} is larger than the checkpoint size {checkpoint.Size}\n");
            }

            using var transaction = _connection.BeginTransaction();
            var (storedSize, storedRoot) = Stored(transaction, checkpoint.Origin);
            if (request.OldSize != storedSize)
            {
                return new WitnessResponse(409, storedSize.ToString(CultureInfo.InvariantCulture) + "\n", WitnessResponse.SizeContentType);
            }
            if (request.OldSize == checkpoint.Size)
            {
                if (request.ConsistencyProof.Count != 0 || (storedRoot is not null && !storedRoot.AsSpan().SequenceEqual(checkpoint.RootHash)))
                {
                    return new WitnessResponse(409, "a checkpoint of the same size with another root hash was cosigned: the log forked\n");
                }
            }
            else if (request.OldSize == 0)
            {
                if (request.ConsistencyProof.Count != 0)
                {
                    return new WitnessResponse(400, "the consistency proof must be empty when the old size is 0\n");
                }
            }
            else if (!MerkleVerifier.IsValidConsistency(request.OldSize, checkpoint.Size, request.ConsistencyProof, storedRoot, checkpoint.RootHash))
            {
                return new WitnessResponse(422, $"checkpoint {checkpoint.Size} is not consistent with cosigned checkpoint {storedSize}\n");
            }

            using (var write = _connection.CreateCommand())
            {
                write.Transaction = transaction;
                write.CommandText = """
                    INSERT INTO witness_logs (origin, size, root, note, updated_at) VALUES ($o, $s, $r, $n, $t)
                    ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root, note = excluded.note, updated_at = excluded.updated_at
                    """;
                write.Parameters.AddWithValue("$o", checkpoint.Origin);
                write.Parameters.AddWithValue("$s", checkpoint.Size);
                write.Parameters.AddWithValue("$r", checkpoint.RootHash);
                write.Parameters.AddWithValue("$n", request.Checkpoint.ToString());
                write.Parameters.AddWithValue("$t", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                write.ExecuteNonQuery();
            }
            transaction.Commit();
            var cosignature = _signer.Sign(request.Checkpoint.Note.Text, _time.GetUtcNow().ToUnixTimeSeconds());
            return new WitnessResponse(200, cosignature.Line);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private List<NoteVerifier> TrustedKeys(string origin)
    {
        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT vkey FROM witness_trusted_keys WHERE origin = $o";
        read.Parameters.AddWithValue("$o", origin);
        using var reader = read.ExecuteReader();
        var keys = new List<NoteVerifier>();
        while (reader.Read())
        {
            keys.Add(NoteVerifier.Parse(reader.GetString(0)));
        }
        return keys;
    }

    private (long Size, byte[]? Root) Stored(SqliteTransaction transaction, string origin)
    {
        using var read = _connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT size, root FROM witness_logs WHERE origin = $o";
        read.Parameters.AddWithValue("$o", origin);
        using var reader = read.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, null);
    }
}
