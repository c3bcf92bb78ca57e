using System.Runtime.InteropServices;
using OpenCts.Domain.Commerce;

namespace OpenCts.Commerce.Entities;

public sealed partial class EntityIndex
{
    /// <summary>
    /// Records an examination of a consignment: every entity on it counts it as examined, and as a seizure when
    /// something was found. A later result for the same consignment replaces the earlier one.
    /// </summary>
    /// <remarks>A result for a consignment not yet in the index is kept and counted when its parties arrive.</remarks>
    public void RecordExamination(string documentKey, bool found)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentKey);
        var doc = DocOf(documentKey);
        var before = docSlots[doc].Examination;
        var after = found ? ExaminedFound : ExaminedClear;
        if (before == after)
        {
            return;
        }
        docSlots[doc].Examination = after;
        for (var r = docSlots[doc].FirstRecord; r >= 0; r = records[r].NextInDoc)
        {
            var root = Find(records[r].Entity);
            if (FirstOfDocIn(r, root) != r)
            {
                continue;
            }
            ref var entity = ref entities[root];
            entity.Examined += before == NotExamined ? 1 : 0;
            entity.Seizures += (after == ExaminedFound ? 1 : 0) - (before == ExaminedFound ? 1 : 0);
        }
    }

    private static int DayOf(long ticks) => (int)(ticks / TimeSpan.TicksPerDay);

    private EntityFacts Facts(int index)
    {
        ref readonly var record = ref records[index];
        var root = Find(record.Entity);
        ref readonly var entity = ref entities[root];
        var day = DayOf(record.Ticks);
        var (parcels, value) = entity.Days.Sum(day - 29, day);
        var atAddress = record.Address >= 0 ? addressDays[record.Address].Sum(day - 29, day).Count : 0;
        return new EntityFacts(
            IdOf(root),
            Math.Max(0, (record.Ticks - entity.FirstTicks) / (double)TimeSpan.TicksPerDay),
            entity.Consignments,
            entity.Examined,
            entity.Seizures,
            NameVariantCount(root),
            parcels,
            value,
            atAddress);
    }

    private int NameVariantCount(int root) =>
        entities[root].FirstNameId < 0 ? 0 : 1 + (moreNameIds.TryGetValue(root, out var more) ? more.Length : 0);

    /// <summary>Adds a record to an entity's list and counts: a consignment counts once however many of its parties the entity is.</summary>
    private void Attach(int root, int index)
    {
        ref var entity = ref entities[root];
        ref var record = ref records[index];
        record.Entity = root;
        record.NextInEntity = -1;
        if (entity.Head < 0)
        {
            entity.Head = index;
        }
        else
        {
            records[entity.Tail].NextInEntity = index;
        }
        entity.Tail = index;
        entity.RecordCount++;
        Count(ref entity, root, index);
    }

    private void Count(ref EntitySlot entity, int root, int index)
    {
        ref readonly var record = ref records[index];
        if (entity.FirstNameId < 0 || record.Ticks < entity.FirstTicks)
        {
            entity.FirstTicks = record.Ticks;
        }
        AddName(ref entity, root, record.NameId);
        if (FirstOfDocIn(index, root) != index)
        {
            return;
        }
        entity.Consignments++;
        var examination = docSlots[record.Doc].Examination;
        entity.Examined += examination != NotExamined ? 1 : 0;
        entity.Seizures += examination == ExaminedFound ? 1 : 0;
        entity.Days.Add(DayOf(record.Ticks), 1, record.Value);
    }

    private void AddName(ref EntitySlot entity, int root, int nameId)
    {
        if (entity.FirstNameId < 0)
        {
            entity.FirstNameId = nameId;
            return;
        }
        if (entity.FirstNameId == nameId)
        {
            return;
        }
        ref var more = ref CollectionsMarshal.GetValueRefOrAddDefault(moreNameIds, root, out _);
        if (more is null || Array.IndexOf(more, nameId) < 0)
        {
            more = more is null ? [nameId] : [.. more, nameId];
        }
    }

    /// <summary>The record of a consignment that an entity counts it by: the oldest of the document's records in that entity, or -1.</summary>
    private int FirstOfDocIn(int index, int root)
    {
        var first = -1;
        for (var r = docSlots[records[index].Doc].FirstRecord; r >= 0; r = records[r].NextInDoc)
        {
            if (Find(records[r].Entity) == root)
            {
                first = r;
            }
        }
        return first;
    }

    private void CountAtAddress(int index)
    {
        ref readonly var record = ref records[index];
        if (record.Address < 0)
        {
            return;
        }
        for (var r = docSlots[record.Doc].FirstRecord; r >= 0; r = records[r].NextInDoc)
        {
            if (r != index && records[r].Address == record.Address)
            {
                return;
            }
        }
        addressDays[record.Address].Add(DayOf(record.Ticks), 1, record.Value);
    }

    /// <summary>The slot of day counts of an address, by its hash; made empty the first time.</summary>
    private int AddressOf(long addressHash)
    {
        ref var address = ref addressIds.GetValueRefOrAddDefault(addressHash, out var known);
        if (!known)
        {
            address = addressDays.Add(default);
        }
        return address;
    }

    /// <summary>Merges two root entities; the older id survives. Returns the survivor.</summary>
    private int Union(int a, int b, MergeCause cause)
    {
        var survivor = Math.Min(a, b);
        var loser = Math.Max(a, b);
        ref var kept = ref entities[survivor];
        ref var gone = ref entities[loser];
        // Consignments both count (one party each) must count once in the merged entity.
        var (small, big) = kept.RecordCount <= gone.RecordCount ? (survivor, loser) : (loser, survivor);
        var shared = new List<int>();
        for (var r = entities[small].Head; r >= 0; r = records[r].NextInEntity)
        {
            if (FirstOfDocIn(r, small) == r && FirstOfDocIn(r, big) >= 0)
            {
                shared.Add(r);
            }
        }
        kept.Consignments += gone.Consignments;
        kept.Examined += gone.Examined;
        kept.Seizures += gone.Seizures;
        kept.FirstTicks = Math.Min(kept.FirstTicks, gone.FirstTicks);
        kept.RecordCount += gone.RecordCount;
        records[kept.Tail].NextInEntity = gone.Head;
        kept.Tail = gone.Tail;
        AddName(ref kept, survivor, gone.FirstNameId);
        if (moreNameIds.Remove(loser, out var goneNames))
        {
            foreach (var nameId in goneNames)
            {
                AddName(ref kept, survivor, nameId);
            }
        }
        kept.Days.AddAll(gone.Days);
        foreach (var r in shared)
        {
            var examination = docSlots[records[r].Doc].Examination;
            kept.Consignments--;
            kept.Examined -= examination != NotExamined ? 1 : 0;
            kept.Seizures -= examination == ExaminedFound ? 1 : 0;
            kept.Days.Add(DayOf(records[r].Ticks), -1, -records[r].Value);
        }
        gone.Parent = survivor;
        gone.Days = default;
        mergeCauses[loser] = cause with { Into = survivor };
        if (cannotLink.Remove(loser, out var constraints))
        {
            CollectionsMarshal.GetValueRefOrAddDefault(cannotLink, survivor, out _) ??= [];
            cannotLink[survivor].AddRange(constraints);
        }
        return survivor;
    }
}
