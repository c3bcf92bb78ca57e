using System.Security.Cryptography;
using OpenCts.Ledger.Merkle;

namespace OpenCts.Ledger.Tests.Merkle;

public sealed class NativeSha256Tests
{
    [Fact]
    public void On_Linux_the_ledger_hashes_through_OpenSSLs_own_digest_functions()
    {
        // OPENCTS_MANAGED_SHA256=1 turns it off, so that the runtime's path can be tested too (.ci/run does).
        Assert.Equal(OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("OPENCTS_MANAGED_SHA256") != "1", NativeSha256.Available);
    }

    [Fact]
    public void The_native_digest_of_two_parts_is_the_runtimes_SHA256_of_them_joined_for_every_length_and_split()
    {
        Assert.SkipUnless(NativeSha256.Available, "OpenSSL's digest functions are not in this process");
        var random = new Random(9162);
        var lengths = Enumerable.Range(0, 200).Concat([255, 256, 511, 512, 544, 4095, 4096, 4097, 65_536, 1_048_577]);
        Span<byte> native = stackalloc byte[MerkleHash.Size];
        foreach (var length in lengths)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var expected = SHA256.HashData(data);
            foreach (var split in new[] { 0, length / 3, length / 2, length }.Distinct())
            {
                Assert.True(NativeSha256.TryHash(data.AsSpan(0, split), data.AsSpan(split), native));
                Assert.True(expected.AsSpan().SequenceEqual(native), $"length {length}, split at {split}");
            }
        }
    }

    [Fact]
    public void A_digest_is_whole_even_when_many_threads_hash_at_once()
    {
        Assert.SkipUnless(NativeSha256.Available, "OpenSSL's digest functions are not in this process");
        var inputs = Enumerable.Range(0, 64).Select(i => Enumerable.Range(0, 100 + (i * 37)).Select(b => (byte)(b * i)).ToArray()).ToArray();
        var expected = inputs.Select(SHA256.HashData).ToArray();
        Parallel.For(0, 20_000, n =>
        {
            Span<byte> digest = stackalloc byte[MerkleHash.Size];
            ThreadSha256.HashData(inputs[n % inputs.Length], digest);
            Assert.True(expected[n % inputs.Length].AsSpan().SequenceEqual(digest));
        });
    }
}
