using BenchmarkDotNet.Attributes;
using OpenCts.Ledger.Merkle;
using OpenCts.Ledger.Storage;

namespace OpenCts.Benchmarks.Ledger;

/// <summary>The ledger's hot paths without SQLite: hashing a leaf, appending to the frontier, building and verifying an inclusion proof.</summary>
[MemoryDiagnoser]
public class MerkleBenchmarks
{
    private readonly byte[] _record = new byte[512];
    private readonly byte[] _salt = LedgerEntry.NewSalt();
    private MemoryTree _tree = null!;
    private byte[] _leafHash = null!;
    private byte[][] _proof = null!;
    private byte[] _root = null!;
    private const long Index = 654_321;

    [Params(1 << 20)]
    public int Leaves { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tree = new MemoryTree();
        for (var i = 0; i < Leaves; i++)
        {
            _tree.Append(BitConverter.GetBytes(i));
        }
        _leafHash = MerkleHash.Leaf(BitConverter.GetBytes((int)Index));
        _proof = _tree.InclusionProof(Index, Leaves);
        _root = _tree.Root();
    }

    [Benchmark]
    public byte[] CommitAndHashLeaf() => new LedgerEntry("message", "123456", LedgerEntry.Commit(_salt, _record)).LeafHash();

    [Benchmark]
    public byte[][] BuildInclusionProof() => _tree.InclusionProof(Index, Leaves);

    [Benchmark]
    public bool VerifyInclusionProof() => MerkleVerifier.IsValidInclusion(Index, Leaves, _leafHash, _proof, _root);
}
