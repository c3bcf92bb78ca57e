namespace OpenCts.Commerce.Entities;

public sealed partial class EntityIndex
{
    /// <summary>One party record, in 56 bytes: the raw text lives in the arena, the keys as hashes in the postings.</summary>
    private struct RecordSlot
    {
        public int Doc;
        public int Entity;
        public int NextInEntity;
        public int NextInDoc;
        public int NameId;
        public int Blob;
        public int Other;
        // The slot of the address's day counts, -1 without an address: the same address is the same slot.
        public int Address;
        public float Score;
        public ushort BlobLength;
        public byte Role;
        public byte Kind;
        public long Ticks;
        public double Value;
    }

    /// <summary>One entity, in 64 bytes; merged entities keep their slot, and their cause of merging says into what.</summary>
    private struct EntitySlot
    {
        public int Parent;
        public long FirstTicks;
        public int Consignments;
        public int Examined;
        public int Seizures;
        public int RecordCount;
        public int Head;
        public int Tail;
        public int FirstNameId;
        public DayCounts Days;
    }

    /// <summary>One consignment: its first record (the rest chained through the records), its key's text in the arena, and its examination.</summary>
    private struct DocSlot
    {
        public int FirstRecord;
        public int Key;
        public ushort KeyLength;
        public byte Examination;
    }

    /// <summary>One entry of a key's chain of records, newest first.</summary>
    private struct Posting
    {
        public int Record;
        public int Next;
    }

    /// <summary>Why an entity was merged into another: the record that arrived and the one it matched, or an analyst.</summary>
    private readonly record struct MergeCause(LinkKind Kind, int Record, int Other, float Score)
    {
        /// <summary>The entity it was merged into.</summary>
        public int Into { get; init; } = -1;
    }

    private const byte NotExamined = 0;
    private const byte ExaminedClear = 1;
    private const byte ExaminedFound = 2;
}
