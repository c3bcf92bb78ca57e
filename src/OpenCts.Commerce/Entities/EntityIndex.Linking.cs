using System.Runtime.InteropServices;

namespace OpenCts.Commerce.Entities;

public sealed partial class EntityIndex
{
    private readonly record struct Candidate(int Root, LinkKind Kind, int Record, double Score);

    /// <summary>Finds the entities the new record matches, merges them where no analyst forbade it, and returns the link it joins by.</summary>
    private Candidate Link(PartyProbe probe, int index)
    {
        candidates.Clear();
        foreach (var id in probe.Identifiers)
        {
            Exact(KeyHash.Of('I', id), LinkKind.Identifier);
        }
        if (probe.Email is { } email)
        {
            Exact(KeyHash.Of('E', email), LinkKind.Email);
        }
        if (probe.Phone is { } phone)
        {
            Exact(KeyHash.Of('T', phone), LinkKind.Phone);
        }
        if (!probe.Name.IsEmpty)
        {
            var name = probe.Name.Key;
            if (probe.AddressKey is { } addressKey)
            {
                Exact(KeyHash.Of('N', name, addressKey), LinkKind.NameAndAddress);
            }
            if (probe.CityKey is { } cityKey)
            {
                Exact(KeyHash.Of('N', name, cityKey), LinkKind.NameAndAddress);
            }
            foreach (var word in probe.BlockingWords())
            {
                if (probe.AddressKey is { } a)
                {
                    Similar(KeyHash.Of('A', a, word), name, LinkKind.FuzzyNameAndAddress, FuzzyAtAddress);
                }
                if (probe.CityKey is { } c)
                {
                    Similar(KeyHash.Of('A', c, word), name, LinkKind.FuzzyNameAndAddress, FuzzyAtAddress);
                }
                if (probe.Address.Postcode.Length > 0)
                {
                    Similar(KeyHash.Of('Q', probe.Address.Country, probe.Address.Postcode, word), name, LinkKind.FuzzyNameAndPostcode, FuzzyAtPostcode);
                }
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

    private void Exact(long key, LinkKind kind)
    {
        if (!chains.TryGetValue(key, out var posting))
        {
            return;
        }
        for (var scanned = 0; posting >= 0 && scanned < MaxChainScan; scanned++, posting = postings[posting].Next)
        {
            var record = postings[posting].Record;
            Consider(new Candidate(Find(records[record].Entity), kind, record, 1));
        }
    }

    private void Similar(long key, string name, LinkKind kind, double threshold)
    {
        if (!chains.TryGetValue(key, out var posting))
        {
            return;
        }
        for (var scanned = 0; posting >= 0 && scanned < MaxChainScan; scanned++, posting = postings[posting].Next)
        {
            var record = postings[posting].Record;
            var score = NameSimilarity.Score(name, names[records[record].NameId]);
            if (score >= threshold)
            {
                Consider(new Candidate(Find(records[record].Entity), kind, record, score));
            }
        }
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

    /// <summary>Puts the record on the chains of its keys, unless its entity is already there (with the same name, for the name-blocking chains).</summary>
    private void Post(PartyProbe probe, int index)
    {
        var root = Find(records[index].Entity);
        var nameId = records[index].NameId;
        foreach (var id in probe.Identifiers)
        {
            PostKey(KeyHash.Of('I', id), index, root, -1);
        }
        if (probe.Email is { } email)
        {
            PostKey(KeyHash.Of('E', email), index, root, -1);
        }
        if (probe.Phone is { } phone)
        {
            PostKey(KeyHash.Of('T', phone), index, root, -1);
        }
        if (probe.Name.IsEmpty)
        {
            return;
        }
        var name = probe.Name.Key;
        if (probe.AddressKey is { } addressKey)
        {
            PostKey(KeyHash.Of('N', name, addressKey), index, root, -1);
        }
        if (probe.CityKey is { } cityKey)
        {
            PostKey(KeyHash.Of('N', name, cityKey), index, root, -1);
        }
        foreach (var word in probe.BlockingWords())
        {
            if (probe.AddressKey is { } a)
            {
                PostKey(KeyHash.Of('A', a, word), index, root, nameId);
            }
            if (probe.CityKey is { } c)
            {
                PostKey(KeyHash.Of('A', c, word), index, root, nameId);
            }
            if (probe.Address.Postcode.Length > 0)
            {
                PostKey(KeyHash.Of('Q', probe.Address.Country, probe.Address.Postcode, word), index, root, nameId);
            }
        }
    }

    private void PostKey(long key, int index, int root, int nameId)
    {
        ref var head = ref CollectionsMarshal.GetValueRefOrAddDefault(chains, key, out var exists);
        if (exists)
        {
            var posting = head;
            for (var scanned = 0; posting >= 0 && scanned < MaxChainScan; scanned++, posting = postings[posting].Next)
            {
                ref readonly var known = ref records[postings[posting].Record];
                if ((nameId < 0 || known.NameId == nameId) && Find(known.Entity) == root)
                {
                    return;
                }
            }
        }
        head = postings.Add(new Posting { Record = index, Next = exists ? head : -1 });
    }
}
