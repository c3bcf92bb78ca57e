using OpenCts.Ledger.Storage;

namespace OpenCts.Ledger.Tests.Storage;

public sealed class SaltTests
{
    [Fact]
    public void EverySaltIsFreshAcrossTheBlocksItIsDrawnFromAndOnEveryThread()
    {
        // Three and a half blocks on each of four threads: a block handed out twice, or a slot of it, would repeat a salt.
        var count = LedgerEntry.SaltsPerDraw * 7 / 2;
        var perThread = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(_ => Enumerable.Range(0, count).Select(_ => LedgerEntry.NewSalt()).ToList())
            .ToList();
        var salts = perThread.SelectMany(s => s).ToList();

        Assert.All(salts, s => Assert.Equal(LedgerEntry.SaltSize, s.Length));
        Assert.Equal(salts.Count, salts.Select(Convert.ToHexString).Distinct().Count());
        // Thirty-two bytes of zero have a chance of 2^-256: a block served before it was filled, or wiped before it was read.
        Assert.DoesNotContain(salts, s => s.All(b => b == 0));
    }

    [Fact]
    public void ASaltHandedOutIsNotChangedByTheSaltsDrawnAfterIt()
    {
        var first = LedgerEntry.NewSalt();
        var copy = first.ToArray();

        for (var i = 0; i < LedgerEntry.SaltsPerDraw * 2; i++)
        {
            LedgerEntry.NewSalt();
        }

        Assert.Equal(copy, first);
    }
}
