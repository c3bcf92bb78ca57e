using System.Text;
using OpenCts.Domain.Commerce;
using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Entities;

/// <summary>
/// Links party records across all consignments into entities (the same person or firm behind many names, addresses,
/// phones and e-mails), incrementally as consignments arrive, and keeps each entity's counts and 30-day windows.
/// </summary>
/// <remarks>
/// <para>
/// Linking rules, strongest first: the same registry identifier, canonical e-mail or E.164 phone links alone (a phone or
/// e-mail that already stands for <see cref="SharedContactNames"/> names links only a name it has seen); the same
/// normalised name at the same address key links; a similar name (<see cref="NameSimilarity"/> at least
/// <see cref="FuzzyAtAddress"/>) at the same address, or at least <see cref="FuzzyAtPostcode"/> within the same postcode,
/// links. The same address alone never links two names: flats and shared addresses hold many people, and count only in
/// <see cref="EntityFacts.AddressParcels30d"/>. Fuzzy comparisons only meet records that share a name word within the
/// same postcode (or, without a postcode, at the same city address): blocking, never all entities, and at most
/// 24 postings of a key are read.
/// </para>
/// <para>
/// Memory: a record costs a 64-byte slot plus its raw text in UTF-8, packed a block at a time (<see cref="PackedArena"/>);
/// keys are 64-bit hashes; names are interned. Rolling windows keep at most 32 day buckets per entity and per address.
/// </para>
/// <para>
/// A record that matches several entities merges them (union-find); the oldest id survives. Every step depends only
/// on the order of calls, so replaying the same records and analyst decisions in the same order rebuilds the same
/// entities and ids. The index has one writer: calls must not overlap, reads included (they compress paths).
/// </para>
/// </remarks>
public sealed partial class EntityIndex
{
    /// <summary>The name similarity above which two names at the same address are one party.</summary>
    public const double FuzzyAtAddress = 0.85;

    /// <summary>The name similarity above which two names within one postcode (at different or unreadable addresses) are one party.</summary>
    public const double FuzzyAtPostcode = 0.92;

    /// <summary>
    /// Name variants from which a phone or e-mail no longer links alone: a contact that already stands for this many
    /// different names is a platform's, a forwarder's or a courier's, and then links only a name the entity has used.
    /// </summary>
    public const int SharedContactNames = 10;

    // A key's chain is read up to this many postings: a shared address with thousands of names stays fast.
    private const int MaxChainScan = 24;

    private readonly ChunkedList<RecordSlot> records = new();
    private readonly ChunkedList<EntitySlot> entities = new();
    private readonly ChunkedList<DocSlot> docSlots = new();
    private readonly ChunkedList<Posting> postings = new();
    // Each document key's hash to its slot; the key's text is in the arena. A key whose hash another key took first
    // (a chance of about 3 in 10^8 that it happens at all among a million documents) is kept aside by its text.
    private readonly KeyMap docIds = new();
    private readonly Dictionary<string, int> docIdsAside = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> longDocKeys = [];
    private readonly Dictionary<string, int> nameIds = new(StringComparer.Ordinal);
    private readonly List<string> names = [];
    // Each key's hash to the newest posting of its chain.
    private readonly KeyMap chains = new();
    private ProbeKey[] probeKeys = [];
    // Each address's hash to its slot of day counts.
    private readonly KeyMap addressIds = new();
    private readonly ChunkedList<DayCounts> addressDays = new();
    // By the slot of each merged entity, which also says what it was merged into.
    private readonly Dictionary<int, MergeCause> mergeCauses = [];
    // The names of an entity beyond its first, by its slot: most entities have one name, so the slot holds none.
    private readonly Dictionary<int, int[]> moreNameIds = [];
    private readonly Dictionary<int, List<int>> cannotLink = [];
    // Document keys are read on every add; the party text only when an officer or analyst asks.
    private readonly BlobArena arena = new();
    private readonly PackedArena partyText = new();
    private readonly StringBuilder encodeText = new();
    private byte[] encodeBytes = new byte[1024];
    private readonly Encoder encoder = Encoding.UTF8.GetEncoder();
    private readonly List<Candidate> candidates = [];

    // Document keys are hashed by this one function in every index but a test's, so a saved index loads with it.
    private static readonly Func<string, long> DefaultDocumentHash = static key => KeyHash.Of('D', key);

    private readonly Func<string, long> documentHash;

    /// <summary>An empty index.</summary>
    public EntityIndex()
        : this(DefaultDocumentHash)
    {
    }

    /// <summary>An empty index that hashes document keys with <paramref name="documentHash"/>: lets a test make every key collide.</summary>
    internal EntityIndex(Func<string, long> documentHash) => this.documentHash = documentHash;

    /// <summary>How many party records the index holds.</summary>
    public int RecordCount => records.Count;

    /// <summary>How many entities the index has made, merged ones included.</summary>
    public int EntitySlots => entities.Count;

    /// <summary>How many consignments the index knows by key: those noted by <see cref="AddDocument"/> or named by a record.</summary>
    public int DocumentCount => docSlots.Count;

    /// <summary>Bytes held for the records' raw text (packed) and the documents' keys.</summary>
    public long RawTextBytes => arena.Bytes + partyText.Bytes;

    /// <summary>
    /// Links a record to an existing entity or begins a new one, updates the entity's and the address's counts, and
    /// returns the entity's facts as of this record, this one included.
    /// </summary>
    /// <remarks>A record for a document and role already in the index is not added again: its entity's facts are returned.</remarks>
    /// <exception cref="ArgumentException">The record has no document key or no name.</exception>
    public EntityFacts Add(PartyRecord record) => Add(record, null);

    /// <summary>Adds a record whose normal forms were made beforehand, as <see cref="Add(PartyRecord)"/> adds one it normalises itself.</summary>
    public EntityFacts Add(ProbedParty party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return Add(party.Record, party.Probe);
    }

    /// <summary>Brings into the processor's cache what adding the party will look up first, to be called shortly before <see cref="Add(ProbedParty)"/>.</summary>
    /// <remarks>Only reads, and changes nothing the index answers; a caller adding records in order calls it for the next one while it adds this one.</remarks>
    public void Prefetch(ProbedParty party)
    {
        ArgumentNullException.ThrowIfNull(party);
        docIds.Prefetch(documentHash(party.Record.DocumentKey));
        addressIds.Prefetch(party.Probe.AddressHash);
        foreach (var key in party.Probe.Keys)
        {
            chains.Prefetch(key.Hash);
        }
    }

    private EntityFacts Add(PartyRecord record, PartyProbe? probed)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrWhiteSpace(record.DocumentKey))
        {
            throw new ArgumentException("party record: documentKey is empty", nameof(record));
        }
        if (string.IsNullOrWhiteSpace(record.Name))
        {
            throw new ArgumentException($"party record {record.DocumentKey} {record.Role}: name is empty", nameof(record));
        }
        if (!double.IsFinite(record.ValueNational))
        {
            throw new ArgumentException($"party record {record.DocumentKey} {record.Role}: valueNational is {record.ValueNational}", nameof(record));
        }
        var doc = DocOf(record.DocumentKey);
        if (FindRecord(doc, record.Role) is var existing and >= 0)
        {
            return Facts(existing);
        }
        var probe = probed ?? PartyProbe.Of(record);
        CollectKeys(probe);
        var index = records.Count;
        var nameId = NameIdOf(probe.Name.Key);
        var address = probe.AddressHash == 0 ? -1 : AddressOf(probe.AddressHash);
        var primary = Link(probe, index, nameId, address);
        var root = primary.Root >= 0 ? primary.Root : NewEntity();
        var (blob, blobLength) = StoreRaw(record, primary.Record);
        records.Add(new RecordSlot
        {
            Doc = doc,
            Entity = root,
            NextInEntity = -1,
            NextInDoc = docSlots[doc].FirstRecord,
            NameId = nameId,
            Blob = blob,
            BlobLength = (ushort)blobLength,
            Other = primary.Record,
            Score = (float)primary.Score,
            Role = (byte)record.Role,
            Kind = (byte)primary.Kind,
            Address = address,
            Ticks = record.At.UtcTicks,
            Value = record.ValueNational,
        });
        docSlots[doc].FirstRecord = index;
        Attach(root, index);
        CountAtAddress(index);
        Post(index);
        return Facts(index);
    }

    /// <summary>Notes a consignment learned from, parties or not; true the first time its key is noted or named.</summary>
    /// <remarks>
    /// The indicators used to keep a set of their own of every key learned; the index already keeps each key once for
    /// its records, so a million consignments no longer cost a second set (26 MB, and twice that while it grew).
    /// </remarks>
    public bool AddDocument(string documentKey)
    {
        ArgumentNullException.ThrowIfNull(documentKey);
        var known = docSlots.Count;
        DocOf(documentKey);
        return docSlots.Count > known;
    }

    /// <summary>Whether the index knows the document and holds a record of its party in each of the roles.</summary>
    public bool HasRecords(string documentKey, ReadOnlySpan<PartyRole> roles) => FindRecords(documentKey, roles, stackalloc int[roles.Length]);

    /// <summary>The facts of a document's party in each of the roles, as <see cref="FactsOf"/> gives them; false, with nothing written, when the index does not know the document or holds no record in one of the roles.</summary>
    /// <remarks>Reads only: several threads may call it at once while none adds to the index.</remarks>
    public bool TryFactsOf(string documentKey, ReadOnlySpan<PartyRole> roles, Span<EntityFacts?> facts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(facts.Length, roles.Length, nameof(facts));
        Span<int> found = stackalloc int[roles.Length];
        if (!FindRecords(documentKey, roles, found))
        {
            return false;
        }
        for (var i = 0; i < found.Length; i++)
        {
            facts[i] = Facts(found[i]);
        }
        return true;
    }

    private bool FindRecords(string documentKey, ReadOnlySpan<PartyRole> roles, Span<int> found)
    {
        var doc = FindDoc(documentKey);
        if (doc < 0)
        {
            return false;
        }
        for (var i = 0; i < roles.Length; i++)
        {
            if ((found[i] = FindRecord(doc, roles[i])) < 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The id of the entity a document's party belongs to, or null when the index has no such record.</summary>
    public string? EntityOf(string documentKey, PartyRole role)
    {
        var record = FindRecord(documentKey, role);
        return record < 0 ? null : IdOf(Find(records[record].Entity));
    }

    /// <summary>The facts of a document's party as they stand now, or null when the index has no such record.</summary>
    public EntityFacts? FactsOf(string documentKey, PartyRole role)
    {
        var record = FindRecord(documentKey, role);
        return record < 0 ? null : Facts(record);
    }

    private int DocOf(string documentKey)
    {
        // Adding a document touches the slots and the arena, never the map, so the reference stays valid.
        ref var doc = ref docIds.GetValueRefOrAddDefault(documentHash(documentKey), out var known);
        if (!known)
        {
            doc = NewDoc(documentKey);
            return doc;
        }
        if (DocKeyIs(doc, documentKey))
        {
            return doc;
        }
        if (!docIdsAside.TryGetValue(documentKey, out var aside))
        {
            aside = NewDoc(documentKey);
            docIdsAside.Add(documentKey, aside);
        }
        return aside;
    }

    private int FindDoc(string documentKey) =>
        docIds.TryGetValue(documentHash(documentKey), out var doc) && DocKeyIs(doc, documentKey) ? doc
        : docIdsAside.TryGetValue(documentKey, out var aside) ? aside : -1;

    private int NewDoc(string documentKey)
    {
        var length = Encoding.UTF8.GetByteCount(documentKey);
        if (length > BlobArena.MaxLength)
        {
            // Nothing bounds a document number as received; a key too long for the arena is kept as it is.
            longDocKeys.Add(docSlots.Count, documentKey);
            return docSlots.Add(new DocSlot { FirstRecord = -1, Key = -1 });
        }
        if (encodeBytes.Length < length)
        {
            encodeBytes = new byte[Math.Max(length, encodeBytes.Length * 2)];
        }
        Encoding.UTF8.GetBytes(documentKey, encodeBytes);
        return docSlots.Add(new DocSlot { FirstRecord = -1, Key = arena.Append(encodeBytes.AsSpan(0, length)), KeyLength = (ushort)length });
    }

    private bool DocKeyIs(int doc, string documentKey)
    {
        if (docSlots[doc].Key < 0)
        {
            return string.Equals(longDocKeys[doc], documentKey, StringComparison.Ordinal);
        }
        var bytes = arena.Get(docSlots[doc].Key, docSlots[doc].KeyLength);
        if (bytes.Length < documentKey.Length || bytes.Length > documentKey.Length * 3)
        {
            return false;
        }
        Span<char> chars = bytes.Length <= 256 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        var written = Encoding.UTF8.GetChars(bytes, chars);
        return chars[..written].SequenceEqual(documentKey);
    }

    private string DocKeyOf(int doc) => docSlots[doc].Key < 0 ? longDocKeys[doc] : arena.GetString(docSlots[doc].Key, docSlots[doc].KeyLength);

    private int FindRecord(string documentKey, PartyRole role) =>
        FindDoc(documentKey) is var doc and >= 0 ? FindRecord(doc, role) : -1;

    private int FindRecord(int doc, PartyRole role)
    {
        for (var r = docSlots[doc].FirstRecord; r >= 0; r = records[r].NextInDoc)
        {
            if (records[r].Role == (byte)role)
            {
                return r;
            }
        }
        return -1;
    }

    private int NameIdOf(string key)
    {
        if (!nameIds.TryGetValue(key, out var id))
        {
            id = names.Count;
            names.Add(key);
            nameIds.Add(key, id);
        }
        return id;
    }

    private int NewEntity() => entities.Add(new EntitySlot { Parent = entities.Count, Head = -1, Tail = -1, FirstNameId = -1 });

    private int Find(int entity)
    {
        while (entities[entity].Parent != entity)
        {
            ref var slot = ref entities[entity];
            slot.Parent = entities[slot.Parent].Parent;
            entity = slot.Parent;
        }
        return entity;
    }

    private static string IdOf(int entity) => $"E-{entity + 1:D6}";

    private (int Blob, int Length) StoreRaw(PartyRecord record, int matched)
    {
        RawParty.Encode(record, encodeText);
        var needed = Encoding.UTF8.GetMaxByteCount(encodeText.Length);
        if (encodeBytes.Length < needed)
        {
            encodeBytes = new byte[Math.Max(needed, encodeBytes.Length * 2)];
        }
        // An encoder, not Encoding.GetBytes per chunk: a surrogate pair may straddle two chunks of the builder.
        encoder.Reset();
        var length = 0;
        foreach (var chunk in encodeText.GetChunks())
        {
            length += encoder.GetBytes(chunk.Span, encodeBytes.AsSpan(length), flush: false);
        }
        length += encoder.GetBytes([], encodeBytes.AsSpan(length), flush: true);
        var bytes = encodeBytes.AsSpan(0, length);
        // A repeat buyer usually writes the same fields again: share the text of the record it matched, when it can be
        // read without unpacking a block (text repeated further back costs little once its block is packed).
        if (matched >= 0 && records[matched].BlobLength == length && partyText.IsAtHand(records[matched].Blob)
            && partyText.Get(records[matched].Blob, length).SequenceEqual(bytes))
        {
            return (records[matched].Blob, length);
        }
        return (partyText.Append(bytes), length);
    }

    private RawParty RawOf(int record) => RawParty.Decode(partyText.GetString(records[record].Blob, records[record].BlobLength));
}
