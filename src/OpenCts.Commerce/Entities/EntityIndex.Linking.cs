using System.Runtime.InteropServices;

namespace OpenCts.Commerce.Entities;

public sealed partial class EntityIndex
{
    private readonly record struct Candidate(int Root, LinkKind Kind, int Record, double Score);

    /// <summary>Takes the keys a record is looked up and posted by (<see cref="PartyProbe.Keys"/>), made with its normal forms.</summary>
    private void CollectKeys(PartyProbe probe) => probeKeys = probe.Keys;

    /// <summary>Finds the entities the new record matches, merges them where no analyst forbade it, and returns the link it joins by.</summary>
    private Candidate Link(PartyProbe probe, int index, int nameId, int address)
    {
        candidates.Clear();
        foreach (var key in probeKeys)
        {
            if (!key.Searched || !chains.TryGetValue(key.Hash, out var head))
            {
                continue;
            }
            if (key.Kind == LinkKind.FuzzyNameAndPostcode)
            {
                Similar(head, probe, address);
            }
            else
            {
                Exact(head, key.Kind, nameId);
            }
        }
        if (candidates.Count == 0)
        {
            return new Candidate(-1, LinkKind.NewEntity, -1, 0);
        }
        candidates.Sort(static (x, y) =>
            x.Kind != y.Kind ? y.Kind.CompareTo(x.Kind) : x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Root.CompareTo(y.Root));
        var primary = candidates[0];
        var root = primary.Root;
        for (var i = 1; i < candidates.Count; i++)
        {
            var other = Find(candidates[i].Root);
            root = Find(root);
            if (other == root || Blocked(root, other))
            {
                continue;
            }
            root = Union(root, other, new MergeCause(candidates[i].Kind, index, candidates[i].Record, (float)candidates[i].Score));
        }
        return primary with { Root = Find(root) };
    }

    private void Exact(int head, LinkKind kind, int nameId)
    {
        foreach (var record in RecordsOn(head))
        {
            var root = Find(records[record].Entity);
            if (kind is LinkKind.Phone or LinkKind.Email && IsSharedContact(root, nameId))
            {
                continue;
            }
            Consider(new Candidate(root, kind, record, 1));
        }
    }

    private bool IsSharedContact(int root, int nameId)
    {
        return NameVariantCount(root) >= SharedContactNames && entities[root].FirstNameId != nameId && Array.IndexOf(moreNameIds[root], nameId) < 0;
    }

    /// <summary>Compares the name with the names on a blocking chain: at the same address it links from <see cref="FuzzyAtAddress"/>, elsewhere in the postcode from <see cref="FuzzyAtPostcode"/>.</summary>
    private void Similar(int head, PartyProbe probe, int address)
    {
        var name = probe.Name.Key;
        foreach (var record in RecordsOn(head))
        {
            ref readonly var known = ref records[record];
            var root = Find(known.Entity);
            // A repeat party fills the chain with its own postings: once its entity is linked as strongly, skip them.
            if (IsCandidate(root, LinkKind.FuzzyNameAndAddress))
            {
                continue;
            }
            var sameAddress = address >= 0 && known.Address == address;
            var score = NameSimilarity.Score(name, names[known.NameId]);
            if (score >= (sameAddress ? FuzzyAtAddress : FuzzyAtPostcode))
            {
                Consider(new Candidate(root, sameAddress ? LinkKind.FuzzyNameAndAddress : LinkKind.FuzzyNameAndPostcode, record, score));
            }
        }
    }

    private bool IsCandidate(int root, LinkKind atLeast)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.Root == root && candidate.Kind >= atLeast)
            {
                return true;
            }
        }
        return false;
    }

    private void Consider(Candidate candidate)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Root == candidate.Root)
            {
                var known = candidates[i];
                if (candidate.Kind > known.Kind || (candidate.Kind == known.Kind && candidate.Score > known.Score))
                {
                    candidates[i] = candidate;
                }
                return;
            }
        }
        candidates.Add(candidate);
    }

    private bool Blocked(int a, int b) => BlockedOneWay(a, b) || BlockedOneWay(b, a);

    private bool BlockedOneWay(int root, int other)
    {
        if (!cannotLink.TryGetValue(root, out var list))
        {
            return false;
        }
        foreach (var entity in list)
        {
            if (Find(entity) == other)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Puts the record on the chains of the collected keys, unless its entity is already there (with the same name, on the name-blocking chains).</summary>
    private void Post(int index)
    {
        var root = Find(records[index].Entity);
        var nameId = records[index].NameId;
        foreach (var key in probeKeys)
        {
            // Posting adds no key, so the reference into the map stays valid while the chain is scanned.
            ref var head = ref chains.GetValueRefOrAddDefault(key.Hash, out var exists);
            if (!exists)
            {
                head = EmptyChain;
            }
            PostOn(ref head, index, root, key.Kind == LinkKind.FuzzyNameAndPostcode ? nameId : -1);
        }
    }

    private void PostOn(ref int head, int index, int root, int nameId)
    {
        // One posting per entity on an exact key; on a name-blocking key one per name, and at most two per entity,
        // so a repeat party with many spellings does not crowd others out of the scanned part of the chain.
        var sameEntity = 0;
        foreach (var record in RecordsOn(head))
        {
            ref readonly var known = ref records[record];
            if (Find(known.Entity) == root && (nameId < 0 || known.NameId == nameId || ++sameEntity == 2))
            {
                return;
            }
        }
        if (head == EmptyChain)
        {
            head = LoneRecord(index);
            return;
        }
        if (head < EmptyChain)
        {
            head = postings.Add(new Posting { Record = LoneRecord(head), Next = EmptyChain });
        }
        head = postings.Add(new Posting { Record = index, Next = head });
    }

    /// <summary>The records on a chain, newest first, at most <see cref="MaxChainScan"/> of them.</summary>
    private ChainRecords RecordsOn(int head) => new(postings, head);

    // Most keys are met by one record only. Such a chain holds the record in the map's value (as -2 - record) rather
    // than in a posting: at a million consignments that is twelve million postings fewer. The same sum maps back.
    private const int EmptyChain = -1;

    private static int LoneRecord(int value) => -2 - value;

    private struct ChainRecords(ChunkedList<Posting> postings, int head)
    {
        private int next = head;
        private int scanned;

        public int Current { get; private set; }

        public readonly ChainRecords GetEnumerator() => this;

        public bool MoveNext()
        {
            if (next == EmptyChain || scanned == MaxChainScan)
            {
                return false;
            }
            scanned++;
            if (next < EmptyChain)
            {
                Current = LoneRecord(next);
                next = EmptyChain;
                return true;
            }
            Current = postings[next].Record;
            next = postings[next].Next;
            return true;
        }
    }
}
