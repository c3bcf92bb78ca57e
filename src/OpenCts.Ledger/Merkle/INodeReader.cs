namespace OpenCts.Ledger.Merkle;

/// <summary>Reads the stored hashes of complete subtrees.</summary>
public interface INodeReader
{
    /// <summary>Fills <paramref name="hashes"/>[i] with the hash of <paramref name="nodes"/>[i]; every node must exist.</summary>
    void Read(IReadOnlyList<NodeId> nodes, byte[][] hashes);
}
