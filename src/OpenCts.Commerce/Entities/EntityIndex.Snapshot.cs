namespace OpenCts.Commerce.Entities;

public sealed partial class EntityIndex
{
    private const string SnapshotTag = "EIDX";
    private const int SnapshotVersion = 2;
    private const string SnapshotWhat = "entity index";

    /// <summary>Writes the whole index, so that <see cref="Load(BinaryReader)"/> gives one that answers and goes on linking exactly as this one.</summary>
    /// <remarks>
    /// <para>
    /// Everything goes straight to the writer's stream: the lists of records, documents and postings and the pages of
    /// the key maps as their bytes, the party text as packed. What the index only works in (the record being added,
    /// its keys and candidates, encoding buffers) is not written. The index must not change while it is written.
    /// </para>
    /// <para>
    /// The format is this build's (version <c>2</c>, which notes where its second half begins): records are written as they lie in memory, so a changed slot
    /// makes a new version, and an index saved by another version is refused rather than converted.
    /// </para>
    /// </remarks>
    /// <exception cref="InvalidOperationException">The index hashes document keys with a test's function, which a loaded index would not.</exception>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (documentHash != DefaultDocumentHash)
        {
            throw new InvalidOperationException("an entity index that hashes document keys with a function of its own cannot be saved: a loaded index hashes them the default way");
        }
        if (!writer.BaseStream.CanSeek)
        {
            throw new ArgumentException("an entity index is saved to a stream that can seek: it notes where its second half begins", nameof(writer));
        }
        SnapshotFormat.WriteHeader(writer, SnapshotTag, SnapshotVersion);
        // Where the second half begins, from the start of the index, filled in once it is known.
        writer.Flush();
        var start = writer.BaseStream.Position - HeaderBytes;
        var secondAtField = writer.BaseStream.Position;
        writer.Write(0L);
        SnapshotFormat.WriteTag(writer, "RECS");
        records.Save(writer);
        SnapshotFormat.WriteTag(writer, "ENTS");
        SaveEntities(writer);
        SnapshotFormat.WriteTag(writer, "DOCS");
        docSlots.Save(writer);
        docIds.Save(writer);
        SaveDocumentKeysAside(writer);
        writer.Flush();
        var secondAt = writer.BaseStream.Position;
        writer.BaseStream.Position = secondAtField;
        writer.Write(secondAt - start);
        writer.Flush();
        writer.BaseStream.Position = secondAt;
        SnapshotFormat.WriteTag(writer, "POST");
        postings.Save(writer);
        chains.Save(writer);
        SnapshotFormat.WriteTag(writer, "NAME");
        writer.Write(names.Count);
        foreach (var name in names)
        {
            SnapshotFormat.WriteString(writer, name);
        }
        SnapshotFormat.WriteTag(writer, "ADDR");
        addressIds.Save(writer);
        writer.Write(addressDays.Count);
        for (var a = 0; a < addressDays.Count; a++)
        {
            addressDays[a].Save(writer);
        }
        SnapshotFormat.WriteTag(writer, "TEXT");
        arena.Save(writer);
        partyText.Save(writer);
        // The decisions name entities and names, which the two halves hold: they follow both.
        SnapshotFormat.WriteTag(writer, "DCSN");
        SaveDecisions(writer);
        SnapshotFormat.WriteTag(writer, "END.");
    }

    /// <summary>Reads an index written by <see cref="Save"/>, from one stream.</summary>
    /// <exception cref="InvalidDataException">
    /// The input is not a saved entity index, is of another format version, is truncated, or holds a count or an
    /// index out of range; the message says which and where. No index is returned then.
    /// </exception>
    public static EntityIndex Load(BinaryReader reader) => Load(reader, null);

    /// <summary>Reads an index written by <see cref="Save"/>, its two halves at once when <paramref name="openAt"/> gives a second reader.</summary>
    /// <param name="reader">The reader at the index's start; left at its end.</param>
    /// <param name="openAt">
    /// Gives another reader of the same bytes (the same file, not one opened again by its name, which may have been
    /// replaced) at a position of <paramref name="reader"/>'s stream, which the load disposes. It is called on the
    /// caller's thread before the other starts; the second half (keys, names, addresses, party text) is then read from
    /// it on another thread while this one reads the first (records, entities, documents). Null reads both from
    /// <paramref name="reader"/>, in turn.
    /// </param>
    /// <remarks>
    /// At a million consignments the index is about 690 MB, and most of its load is the kernel giving the process
    /// fresh pages: on one thread, re-assessing spent its first seconds on one core (docs/performance.md, nineteenth
    /// round). The halves fill fields of their own; the decisions, which need both, are read after the two.
    /// </remarks>
    /// <exception cref="InvalidDataException">As <see cref="Load(BinaryReader)"/>; also when the second half is not where the index says.</exception>
    public static EntityIndex Load(BinaryReader reader, Func<long, BinaryReader>? openAt) =>
        SnapshotFormat.Read(reader, SnapshotWhat, reader =>
        {
            var index = new EntityIndex();
            index.LoadParts(reader, openAt);
            return index;
        });

    // The tag and the version before the field that says where the second half begins.
    private const int HeaderBytes = 8;

    private void LoadParts(BinaryReader reader, Func<long, BinaryReader>? openAt)
    {
        if (!reader.BaseStream.CanSeek)
        {
            throw new ArgumentException("an entity index is loaded from a stream that can seek: its halves are read apart", nameof(reader));
        }
        var start = reader.BaseStream.Position;
        SnapshotFormat.ReadHeader(reader, SnapshotTag, SnapshotVersion, SnapshotWhat);
        var secondAt = reader.ReadInt64();
        if (secondAt < HeaderBytes + sizeof(long))
        {
            throw new InvalidDataException($"{SnapshotWhat}: its second half at {secondAt} would begin inside its header");
        }
        if (secondAt > reader.BaseStream.Length - start)
        {
            throw new InvalidDataException($"{SnapshotWhat}: its second half at {secondAt} begins beyond its end: truncated");
        }
        if (openAt is null)
        {
            LoadFirstHalf(reader, start + secondAt);
            LoadSecondHalf(reader);
        }
        else
        {
            // Opened here, before the other thread starts: opening may touch the first reader's stream (a FileStream
            // whose handle is asked for flushes its buffer and moves its position), which must not happen while it reads.
            var other = openAt(start + secondAt);
            var second = Task.Run(() =>
            {
                using var _ = other;
                SnapshotFormat.Read(other, SnapshotWhat, r =>
                {
                    LoadSecondHalf(r);
                    return 0;
                });
                return other.BaseStream.Position;
            });
            try
            {
                LoadFirstHalf(reader, start + secondAt);
            }
            catch
            {
                // The other thread still fills this index and reads its own stream: it ends before the error goes up.
                ((IAsyncResult)second).AsyncWaitHandle.WaitOne();
                throw;
            }
            // The decisions follow the second half.
            reader.BaseStream.Position = second.GetAwaiter().GetResult();
        }
        Part(reader, "DCSN");
        LoadDecisions(reader);
        Part(reader, "END.");
    }

    private void LoadFirstHalf(BinaryReader reader, long secondAt)
    {
        Part(reader, "RECS");
        records.Load(reader, "entity index: records");
        Part(reader, "ENTS");
        LoadEntities(reader);
        Part(reader, "DOCS");
        docSlots.Load(reader, "entity index: documents");
        docIds.Load(reader, "entity index: document keys");
        LoadDocumentKeysAside(reader);
        if (reader.BaseStream.Position != secondAt)
        {
            throw new InvalidDataException($"{SnapshotWhat}: the first half ends at {reader.BaseStream.Position}, not where the second begins ({secondAt})");
        }
    }

    private void LoadSecondHalf(BinaryReader reader)
    {
        Part(reader, "POST");
        postings.Load(reader, "entity index: postings");
        chains.Load(reader, "entity index: chains");
        Part(reader, "NAME");
        var nameCount = SnapshotFormat.ReadCount(reader, int.MaxValue, "entity index: names");
        for (var n = 0; n < nameCount; n++)
        {
            var name = SnapshotFormat.ReadString(reader, "entity index: names");
            if (!nameIds.TryAdd(name, n))
            {
                throw new InvalidDataException($"entity index: names: '{name}' twice");
            }
            names.Add(name);
        }
        Part(reader, "ADDR");
        addressIds.Load(reader, "entity index: addresses");
        var addressCount = SnapshotFormat.ReadCount(reader, addressIds.Count, "entity index: address days");
        for (var a = 0; a < addressCount; a++)
        {
            addressDays.Add(DayCounts.Load(reader, "entity index: address days"));
        }
        Part(reader, "TEXT");
        arena.Load(reader, "entity index: document key text");
        partyText.Load(reader, "entity index: party text");
    }

    private static void Part(BinaryReader reader, string tag) => SnapshotFormat.ReadTag(reader, tag, SnapshotWhat);

    // An entity slot holds its day counts, whose array the bytes of the slot cannot carry: it is written field by field.
    private void SaveEntities(BinaryWriter writer)
    {
        writer.Write(entities.Count);
        for (var e = 0; e < entities.Count; e++)
        {
            ref readonly var entity = ref entities[e];
            writer.Write(entity.Parent);
            writer.Write(entity.FirstTicks);
            writer.Write(entity.Consignments);
            writer.Write(entity.Examined);
            writer.Write(entity.Seizures);
            writer.Write(entity.RecordCount);
            writer.Write(entity.Head);
            writer.Write(entity.Tail);
            writer.Write(entity.FirstNameId);
            entity.Days.Save(writer);
        }
    }

    private void LoadEntities(BinaryReader reader)
    {
        const string what = "entity index: entities";
        var count = SnapshotFormat.ReadCount(reader, int.MaxValue, what);
        for (var e = 0; e < count; e++)
        {
            entities.Add(new EntitySlot
            {
                // A parent outside the slots would send Find off the list: checked, as the rest of a slot is not.
                Parent = SnapshotFormat.ReadIndex(reader, count, what),
                FirstTicks = reader.ReadInt64(),
                Consignments = reader.ReadInt32(),
                Examined = reader.ReadInt32(),
                Seizures = reader.ReadInt32(),
                RecordCount = reader.ReadInt32(),
                Head = reader.ReadInt32(),
                Tail = reader.ReadInt32(),
                FirstNameId = reader.ReadInt32(),
                Days = DayCounts.Load(reader, what),
            });
        }
    }

    private void SaveDocumentKeysAside(BinaryWriter writer)
    {
        writer.Write(docIdsAside.Count);
        foreach (var (key, doc) in docIdsAside)
        {
            SnapshotFormat.WriteString(writer, key);
            writer.Write(doc);
        }
        writer.Write(longDocKeys.Count);
        foreach (var (doc, key) in longDocKeys)
        {
            writer.Write(doc);
            SnapshotFormat.WriteString(writer, key);
        }
    }

    private void LoadDocumentKeysAside(BinaryReader reader)
    {
        const string what = "entity index: document keys";
        if (docIds.Count + SnapshotFormat.ReadCount(reader, docSlots.Count, what) is var keyed && keyed != docSlots.Count)
        {
            throw new InvalidDataException($"{what}: {keyed} keys for {docSlots.Count} documents");
        }
        for (var i = keyed - docIds.Count; i > 0; i--)
        {
            var key = SnapshotFormat.ReadString(reader, what);
            if (!docIdsAside.TryAdd(key, SnapshotFormat.ReadIndex(reader, docSlots.Count, what)))
            {
                throw new InvalidDataException($"{what}: '{key}' twice");
            }
        }
        for (var i = SnapshotFormat.ReadCount(reader, docSlots.Count, what); i > 0; i--)
        {
            if (!longDocKeys.TryAdd(SnapshotFormat.ReadIndex(reader, docSlots.Count, what), SnapshotFormat.ReadString(reader, what)))
            {
                throw new InvalidDataException($"{what}: a long key twice");
            }
        }
    }

    /// <summary>Writes what merges and analysts' decisions left: the causes of merges, the names beyond each entity's first, the splits that must hold.</summary>
    private void SaveDecisions(BinaryWriter writer)
    {
        writer.Write(mergeCauses.Count);
        foreach (var (entity, cause) in mergeCauses)
        {
            writer.Write(entity);
            writer.Write((int)cause.Kind);
            writer.Write(cause.Record);
            writer.Write(cause.Other);
            writer.Write(cause.Score);
            writer.Write(cause.Into);
        }
        writer.Write(moreNameIds.Count);
        foreach (var (entity, more) in moreNameIds)
        {
            writer.Write(entity);
            writer.Write(more.Length);
            SnapshotFormat.WriteSpan<int>(writer, more);
        }
        writer.Write(cannotLink.Count);
        foreach (var (entity, others) in cannotLink)
        {
            writer.Write(entity);
            writer.Write(others.Count);
            foreach (var other in others)
            {
                writer.Write(other);
            }
        }
    }

    private void LoadDecisions(BinaryReader reader)
    {
        const string what = "entity index: decisions";
        var slots = entities.Count;
        for (var i = SnapshotFormat.ReadCount(reader, slots, what); i > 0; i--)
        {
            var entity = SnapshotFormat.ReadIndex(reader, slots, what);
            var kind = reader.ReadInt32();
            if (!Enum.IsDefined((LinkKind)kind))
            {
                throw new InvalidDataException($"{what}: link kind {kind} out of range");
            }
            var cause = new MergeCause((LinkKind)kind, reader.ReadInt32(), reader.ReadInt32(), reader.ReadSingle()) { Into = SnapshotFormat.ReadIndex(reader, slots, what) };
            if (!mergeCauses.TryAdd(entity, cause))
            {
                throw new InvalidDataException($"{what}: entity {entity} merged twice");
            }
        }
        for (var i = SnapshotFormat.ReadCount(reader, slots, what); i > 0; i--)
        {
            var entity = SnapshotFormat.ReadIndex(reader, slots, what);
            var more = new int[SnapshotFormat.ReadCount(reader, names.Count, what)];
            SnapshotFormat.ReadSpan<int>(reader, more, what);
            if (!moreNameIds.TryAdd(entity, more))
            {
                throw new InvalidDataException($"{what}: names of entity {entity} twice");
            }
        }
        for (var i = SnapshotFormat.ReadCount(reader, slots, what); i > 0; i--)
        {
            var entity = SnapshotFormat.ReadIndex(reader, slots, what);
            var count = SnapshotFormat.ReadCount(reader, slots, what);
            var others = new List<int>(count);
            for (var o = 0; o < count; o++)
            {
                others.Add(SnapshotFormat.ReadIndex(reader, slots, what));
            }
            if (!cannotLink.TryAdd(entity, others))
            {
                throw new InvalidDataException($"{what}: constraints of entity {entity} twice");
            }
        }
    }
}
