using System.Globalization;
using System.Runtime.InteropServices;
using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Entities;

public sealed partial class EntityIndex
{
    /// <summary>
    /// An analyst's decision that two entities are one: the younger is merged into the older, whose id survives, and
    /// any earlier split between them is lifted.
    /// </summary>
    /// <exception cref="ArgumentException">An id is not an entity of the index.</exception>
    public EntityChange Merge(string entityA, string entityB)
    {
        var a = Find(SlotOf(entityA, nameof(entityA)));
        var b = Find(SlotOf(entityB, nameof(entityB)));
        if (a == b)
        {
            return new EntityChange(IdOf(a), IdOf(b), 0, $"{entityA} and {entityB} are already {IdOf(a)}");
        }
        if (cannotLink.TryGetValue(a, out var fromA))
        {
            fromA.RemoveAll(e => Find(e) == b);
        }
        if (cannotLink.TryGetValue(b, out var fromB))
        {
            fromB.RemoveAll(e => Find(e) == a);
        }
        var moved = entities[Math.Max(a, b)].RecordCount;
        var survivor = Union(a, b, new MergeCause(LinkKind.AnalystMerge, -1, -1, 1));
        var gone = survivor == a ? b : a;
        return new EntityChange(IdOf(survivor), IdOf(gone), moved, $"analyst merged {IdOf(gone)} into {IdOf(survivor)} ({moved} records)");
    }

    /// <summary>
    /// An analyst's decision that some records of an entity are another party: they form a new entity, and later
    /// records are never linked to both (a cannot-link constraint between the two).
    /// </summary>
    /// <exception cref="ArgumentException">The id is not an entity, a record is not in the index or not in that entity, or the split would take every record.</exception>
    public EntityChange Split(string entityId, IReadOnlyCollection<(string DocumentKey, PartyRole Role)> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var root = Find(SlotOf(entityId, nameof(entityId)));
        var moving = new HashSet<int>();
        foreach (var (documentKey, role) in records)
        {
            var record = FindRecord(documentKey, role);
            if (record < 0)
            {
                throw new ArgumentException($"split of {entityId}: no record {documentKey} {role} in the index", nameof(records));
            }
            if (Find(this.records[record].Entity) != root)
            {
                throw new ArgumentException($"split of {entityId}: {documentKey} {role} belongs to {IdOf(Find(this.records[record].Entity))}", nameof(records));
            }
            moving.Add(record);
        }
        if (moving.Count == 0)
        {
            throw new ArgumentException($"split of {entityId}: no records named", nameof(records));
        }
        if (moving.Count == entities[root].RecordCount)
        {
            throw new ArgumentException($"split of {entityId}: it would move every record of the entity", nameof(records));
        }
        var split = NewEntity();
        var members = new List<int>(entities[root].RecordCount);
        for (var r = entities[root].Head; r >= 0; r = this.records[r].NextInEntity)
        {
            members.Add(r);
        }
        foreach (var r in moving)
        {
            this.records[r].Entity = split;
            this.records[r].Kind = (byte)LinkKind.AnalystSplit;
            this.records[r].Other = -1;
            this.records[r].Score = 1;
        }
        Rebuild(root, members.Where(r => !moving.Contains(r)));
        Rebuild(split, members.Where(moving.Contains));
        CollectionsMarshal.GetValueRefOrAddDefault(cannotLink, split, out _) ??= [];
        cannotLink[split].Add(root);
        // Both entities must stay findable by their own keys, whichever record the chains happened to keep.
        foreach (var r in members)
        {
            CollectKeys(PartyProbe.Of(RawOf(r)));
            Post(r);
        }
        return new EntityChange(IdOf(split), IdOf(root), moving.Count, $"analyst split {moving.Count} records of {IdOf(root)} into {IdOf(split)}");
    }

    private void Rebuild(int root, IEnumerable<int> members)
    {
        ref var entity = ref entities[root];
        entity = new EntitySlot { Parent = root, Head = -1, Tail = -1, FirstNameId = -1 };
        moreNameIds.Remove(root);
        // Newest first, so the 30-day windows keep what a live index would.
        foreach (var r in members.OrderByDescending(r => records[r].Ticks).ThenBy(r => r))
        {
            Attach(root, r);
        }
    }

    private int SlotOf(string entityId, string parameter)
    {
        if (entityId is { Length: > 2 } && entityId.StartsWith("E-", StringComparison.Ordinal)
            && int.TryParse(entityId.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= entities.Count)
        {
            return number - 1;
        }
        throw new ArgumentException($"entity '{entityId}' is not in the index", parameter);
    }
}
