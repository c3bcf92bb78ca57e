using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using ZstdSharp;

namespace OpenCts.Storage.Sqlite.Messages;

/// <summary>The dictionaries one kind of record is packed with (consignment bodies, platform orders): every one its rows name, the latest for new records, and learning the first once there are records enough.</summary>
/// <remarks>
/// A store learns a kind's dictionary from its own records, once it holds <see cref="LearnAfter"/> of them: the latest
/// <see cref="Samples"/>, into at most <see cref="Capacity"/> bytes. Records stored before then keep their form
/// (Brotli where it paid), and every form reads. A dictionary's row is never changed or deleted, since records name it;
/// another process that learned its own (two processes on one file) adds a row of its own, and a record naming a row
/// this process has not seen loads it.
/// </remarks>
internal sealed class PackingDictionaries
{
    /// <summary>The kind of the consignment bodies' dictionaries.</summary>
    public const string ConsignmentBodies = "consignment-body";

    /// <summary>The kind of the platform orders' dictionaries.</summary>
    public const string PlatformOrders = "platform-order";

    /// <summary>How many records of its kind a store holds before it learns a dictionary.</summary>
    public const int LearnAfter = 500;

    /// <summary>How many of the latest records a dictionary is learned from: 500 to 2,000 of the bench's bodies gave dictionaries that packed within 1 % of each other, and learning from 1,000 takes about a tenth of a second.</summary>
    public const int Samples = 1000;

    /// <summary>The most bytes a dictionary takes: 32 KiB packed the bench's and the samples' heads within 1 % of 64 KiB.</summary>
    public const int Capacity = 32 * 1024;

    private readonly ConcurrentDictionary<long, PackingDictionary> _byId = new();
    private readonly Func<long, byte[]?> _load;
    private PackingDictionary? _current;
    private long _recordsWithout = -1;
    private int _learning;

    /// <param name="kind">The kind of record, as the rows say.</param>
    /// <param name="load">Reads a dictionary's row of this kind by id, for one this process has not seen; null if there is none.</param>
    private PackingDictionaries(string kind, Func<long, byte[]?> load) => (Kind, _load) = (kind, load);

    /// <summary>The kind of record, as the rows say.</summary>
    public string Kind { get; }

    /// <summary>The dictionary new records are packed with, or null before the store learned one.</summary>
    public PackingDictionary? Current => Volatile.Read(ref _current);

    /// <summary>Loads every dictionary of a kind; the latest becomes the current one.</summary>
    /// <param name="connection">The store's connection.</param>
    /// <param name="kind">The kind of record.</param>
    /// <param name="load">Reads a row of this kind by id, later, for one another process added.</param>
    public static PackingDictionaries Load(SqliteConnection connection, string kind, Func<long, byte[]?> load)
    {
        var dictionaries = new PackingDictionaries(kind, load);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, bytes FROM packing_dictionaries WHERE kind = $kind ORDER BY id";
        command.Parameters.AddWithValue("$kind", kind);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            dictionaries.Add(new PackingDictionary(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }
        return dictionaries;
    }

    /// <summary>The dictionary of a row that a record names.</summary>
    /// <exception cref="InvalidDataException">The store holds no such row of this kind (the record was changed).</exception>
    public PackingDictionary Get(long id)
    {
        if (_byId.TryGetValue(id, out var known))
        {
            return known;
        }
        var bytes = _load(id) ?? throw new InvalidDataException($"a packed {Kind} names dictionary {id}, which the store does not hold");
        return _byId.GetOrAdd(id, new PackingDictionary(id, bytes));
    }

    private void Add(PackingDictionary dictionary)
    {
        _byId[dictionary.Id] = dictionary;
        if (Current is not { } current || current.Id < dictionary.Id)
        {
            Volatile.Write(ref _current, dictionary);
        }
    }

    /// <summary>Counts records stored without a dictionary and, once there are enough, learns one from the latest and keeps it.</summary>
    /// <param name="stored">Records just stored.</param>
    /// <param name="count">Counts the store's records of this kind, asked once a process.</param>
    /// <param name="latest">The latest records as they are to be packed, at most as many as asked.</param>
    /// <param name="save">Keeps a dictionary's bytes and the number of records it was learned from; returns its row id.</param>
    /// <returns>Whether a dictionary was learned now.</returns>
    public async Task<bool> LearnIfDueAsync(int stored, Func<long> count, Func<int, IReadOnlyList<byte[]>> latest, Func<byte[], int, Task<long>> save)
    {
        if (stored == 0 || Current is not null || Volatile.Read(ref _learning) != 0)
        {
            return false;
        }
        // The first time, the store's own count (which includes what was just stored); then what each write adds.
        long seen;
        if (Interlocked.Read(ref _recordsWithout) < 0)
        {
            try
            {
                seen = count();
            }
            catch (Exception e) when (CannotLearn(e))
            {
                // The write is committed all the same; the next one counts again.
                return false;
            }
            Interlocked.Exchange(ref _recordsWithout, seen);
        }
        else
        {
            seen = Interlocked.Add(ref _recordsWithout, stored);
        }
        if (seen < LearnAfter || Interlocked.CompareExchange(ref _learning, 1, 0) != 0)
        {
            return false;
        }
        // The records that made it due are already committed: learning must never turn their write into a failure. When it
        // cannot learn (too little variety for the trainer, a record changed behind the store, the file busy or full, the
        // store closed), the records keep their form and this process does not try again; the next one will, with more records.
        try
        {
            var samples = latest(Samples);
            var bytes = DictBuilder.TrainFromBuffer(samples, Capacity).ToArray();
            var id = await save(bytes, samples.Count).ConfigureAwait(false);
            Add(new PackingDictionary(id, bytes));
            return true;
        }
        catch (Exception e) when (CannotLearn(e))
        {
            return false;
        }
    }

    /// <summary>What keeps a dictionary from being learned after a write, without making that write a failure.</summary>
    /// <remarks>
    /// A store closed with writes queued commits them as it closes (<c>SqliteGroupCommit</c>), and their learning then finds
    /// the store's connections gone: an <see cref="ObjectDisposedException"/>, which failed writes already committed
    /// (<c>ConcurrentIntakeTests</c>, now and then, before it was caught here).
    /// </remarks>
    private static bool CannotLearn(Exception e) => e is ZstdException or InvalidDataException or SqliteException or ObjectDisposedException;

    /// <summary>Learns a kind's dictionary for a store when due, from rows the given statement reads (the latest first, <c>$take</c> of them, the record in the first column).</summary>
    /// <param name="store">The store.</param>
    /// <param name="stored">Records just stored.</param>
    /// <param name="countSql">Counts the store's records of this kind.</param>
    /// <param name="latestSql">Reads the latest <c>$take</c> records.</param>
    /// <param name="sample">Makes a record of a row into what is packed, or null to leave it out.</param>
    /// <remarks>Not cancellable: it runs after a write that committed, which a cancellation must not report as failed.</remarks>
    public Task<bool> LearnIfDueAsync(SqliteStore store, int stored, string countSql, string latestSql, Func<SqliteDataReader, byte[]?> sample) =>
        LearnIfDueAsync(
            stored,
            () =>
            {
                using var command = store.Command(countSql);
                return (long)command.ExecuteScalar()!;
            },
            take =>
            {
                using var command = store.Command(latestSql);
                command.Parameters.AddWithValue("$take", take);
                using var reader = command.ExecuteReader();
                var samples = new List<byte[]>();
                while (reader.Read())
                {
                    if (sample(reader) is { } bytes)
                    {
                        samples.Add(bytes);
                    }
                }
                return samples;
            },
            (bytes, samples) => store.WriteAsync((_, transaction) =>
            {
                using var insert = store.Command("INSERT INTO packing_dictionaries (kind, learned_at, samples, bytes) VALUES ($kind, $at, $samples, $bytes) RETURNING id", transaction);
                insert.Parameters.AddWithValue("$kind", Kind);
                insert.Parameters.AddWithValue("$at", store.Now());
                insert.Parameters.AddWithValue("$samples", samples);
                insert.Parameters.AddWithValue("$bytes", bytes);
                return ValueTask.FromResult((long)insert.ExecuteScalar()!);
            }, CancellationToken.None));
}
