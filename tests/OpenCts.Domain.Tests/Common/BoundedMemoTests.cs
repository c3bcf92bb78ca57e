using OpenCts.Domain.Common;

namespace OpenCts.Domain.Tests.Common;

public sealed class BoundedMemoTests
{
    [Fact]
    public void An_argument_asked_again_gets_the_kept_answer_without_computing_it_again()
    {
        var memo = new BoundedMemo<string, int>(8);
        var calls = 0;

        var first = memo.Get("cotton t-shirt", 0, (key, _) => { calls++; return key.Length; });
        var again = memo.Get("cotton t-shirt", 0, (_, _) => { calls++; return -1; });

        Assert.Equal(14, first);
        Assert.Equal(14, again);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Once_full_it_starts_again_empty_so_that_it_never_keeps_more_than_its_capacity()
    {
        var memo = new BoundedMemo<int, int>(100);
        var calls = 0;

        for (var i = 0; i < 1_000; i++)
        {
            memo.Get(i, 0, (key, _) => { calls++; return key * 2; });
            Assert.InRange(memo.Count, 1, memo.Capacity);
        }
        var kept = memo.Get(999, 0, (_, _) => -1);
        var forgotten = memo.Get(0, 0, (key, _) => { calls++; return key * 2; });

        Assert.Equal(1_000, calls - 1);
        Assert.Equal(1_998, kept);
        Assert.Equal(0, forgotten);
    }

    [Fact]
    public void Threads_that_share_it_each_get_the_function_s_answer_and_it_stays_within_its_capacity()
    {
        var memo = new BoundedMemo<int, long>(64);

        var wrong = 0;
        Parallel.For(0, 200_000, i =>
        {
            var key = i % 500;
            if (memo.Get(key, 7L, static (k, factor) => k * factor) != key * 7L)
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
        Assert.InRange(memo.Count, 1, memo.Capacity + Environment.ProcessorCount);
    }

    [Fact]
    public void A_capacity_of_nothing_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedMemo<string, int>(0));
    }
}
