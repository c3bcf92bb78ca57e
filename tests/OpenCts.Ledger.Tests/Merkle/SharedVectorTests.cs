using System.Text.Json;
using OpenCts.Ledger.Merkle;
using OpenCts.Tests.Shared;

namespace OpenCts.Ledger.Tests.Merkle;

public sealed class SharedVectorTests
{
    public static TheoryData<string> InclusionFiles() => Files("inclusion");

    public static TheoryData<string> ConsistencyFiles() => Files("consistency");

    [Fact]
    public void AllOneHundredNinetySixVectorsAreFound()
    {
        Assert.Equal(196, InclusionFiles().Count + ConsistencyFiles().Count);
    }

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void InclusionVectorIsAcceptedOrRejectedAsItsWantErrSays(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryData.PathOf("merkle", file)));
        var root = json.RootElement;
        var accepted = MerkleVerifier.IsValidInclusion(
            Size(root, "leafIdx"),
            Size(root, "treeSize"),
            Bytes(root, "leafHash"),
            Proof(root),
            Bytes(root, "root"));
        Assert.Equal(!root.GetProperty("wantErr").GetBoolean(), accepted);
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void ConsistencyVectorIsAcceptedOrRejectedAsItsWantErrSays(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryData.PathOf("merkle", file)));
        var root = json.RootElement;
        var accepted = MerkleVerifier.IsValidConsistency(
            Size(root, "size1"),
            Size(root, "size2"),
            Proof(root),
            Bytes(root, "root1"),
            Bytes(root, "root2"));
        Assert.Equal(!root.GetProperty("wantErr").GetBoolean(), accepted);
    }

    private static TheoryData<string> Files(string kind)
    {
        var folder = RepositoryData.PathOf("merkle");
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(folder, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(folder, path));
        }
        return data;
    }

    // Sizes are uint64 in the vectors; one above long.MaxValue becomes negative, which every verifier refuses as it must.
    private static long Size(JsonElement root, string name) => unchecked((long)root.GetProperty(name).GetUInt64());

    private static byte[] Bytes(JsonElement root, string name) => Convert.FromBase64String(root.GetProperty(name).GetString() ?? "");

    private static byte[][] Proof(JsonElement root)
    {
        var proof = root.GetProperty("proof");
        return proof.ValueKind == JsonValueKind.Null
            ? []
            : [.. proof.EnumerateArray().Select(p => Convert.FromBase64String(p.GetString() ?? ""))];
    }
}
