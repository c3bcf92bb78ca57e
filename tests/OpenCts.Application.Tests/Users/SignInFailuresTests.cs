using OpenCts.Application.Users;

namespace OpenCts.Application.Tests.Users;

/// <summary>The lock-out's memory of failed sign-ins stays bounded however many names are guessed, and keeps a name under attack locked.</summary>
public sealed class SignInFailuresTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_hundred_thousand_guessed_names_keep_the_map_bounded_while_a_real_account_under_attack_stays_locked()
    {
        var failures = new SignInFailures();
        for (var i = 0; i < UserAccounts.MaxFailures; i++)
        {
            failures.Fail("victim", Start);
        }
        var largest = 0;
        // All within one lock-out period (a millisecond apart): no entry has expired, so only eviction can bound the map.
        for (var i = 0; i < 100_000; i++)
        {
            var now = Start + TimeSpan.FromMilliseconds(i);
            failures.Fail($"guess-{i}", now);
            largest = Math.Max(largest, failures.Count);
            if (i == 50_000)
            {
                // A second account attacked in the middle of the flood.
                for (var j = 0; j < UserAccounts.MaxFailures; j++)
                {
                    failures.Fail("Second-Victim", now);
                }
            }
        }
        var end = Start + TimeSpan.FromMilliseconds(100_000);
        Assert.True(largest <= failures.Capacity, $"the map held {largest} names; its capacity is {failures.Capacity}");
        Assert.True(failures.IsLockedOut("victim", end));
        Assert.True(failures.IsLockedOut("second-victim", end));
        Assert.False(failures.IsLockedOut("victim", Start + UserAccounts.LockOut));
    }

    [Fact]
    public void Names_whose_window_has_passed_are_dropped_first_and_fresh_counts_survive()
    {
        var failures = new SignInFailures(capacity: 8);
        for (var i = 0; i < 8; i++)
        {
            failures.Fail($"old-{i}", Start);
        }
        var later = Start + UserAccounts.LockOut + TimeSpan.FromSeconds(1);
        failures.Fail("fresh", later);
        failures.Fail("fresh", later);
        Assert.Equal(1, failures.Count);
        for (var i = 0; i < UserAccounts.MaxFailures - 2; i++)
        {
            failures.Fail("fresh", later);
        }
        Assert.True(failures.IsLockedOut("fresh", later));
    }

    [Fact]
    public void When_locked_names_fill_the_map_the_oldest_locks_go_and_a_new_name_under_attack_is_still_counted()
    {
        var failures = new SignInFailures(capacity: 4);
        for (var n = 0; n < 4; n++)
        {
            for (var i = 0; i < UserAccounts.MaxFailures; i++)
            {
                failures.Fail($"locked-{n}", Start + TimeSpan.FromSeconds(n));
            }
        }
        var now = Start + TimeSpan.FromSeconds(10);
        for (var i = 0; i < UserAccounts.MaxFailures; i++)
        {
            failures.Fail("victim", now);
        }
        Assert.True(failures.Count <= 4);
        Assert.False(failures.IsLockedOut("locked-0", now));
        Assert.True(failures.IsLockedOut("locked-3", now));
        Assert.True(failures.IsLockedOut("victim", now));
    }

    [Fact]
    public void A_capacity_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignInFailures(0));
    }
}
