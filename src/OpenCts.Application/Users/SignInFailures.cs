using System.Collections.Concurrent;

namespace OpenCts.Application.Users;

/// <summary>The failed sign-ins per name that the lock-out counts, held in memory and bounded in size.</summary>
/// <remarks>
/// Every distinct name tried adds an entry, so a guesser trying made-up names would grow the map without end. When it
/// holds more than <see cref="Capacity"/> names it is pruned to three quarters of that, so pruning runs once per many
/// failures: first the entries whose window and lock-out have passed (they no longer count for anything), then the
/// names not locked out, oldest first, and only when locked names alone overflow it, the oldest locked names. A name
/// under attack is therefore still locked while a flood of one-try names passes through; an attacker would have to lock
/// more than <see cref="Capacity"/> other names within <see cref="UserAccounts.LockOut"/> (five failures each, slowed by
/// the host's rate limiter) to free it early.
/// </remarks>
/// <param name="capacity">The most names held at once; 10,000 by default.</param>
public sealed class SignInFailures(int capacity = SignInFailures.DefaultCapacity)
{
    /// <summary>The capacity <see cref="UserAccounts"/> uses.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Since)> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _pruning = new();

    /// <summary>The most names held at once.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be at least 1");

    /// <summary>How many names are held now.</summary>
    public int Count => _failures.Count;

    /// <summary>Whether a name has failed <see cref="UserAccounts.MaxFailures"/> times within <see cref="UserAccounts.LockOut"/> before <paramref name="now"/>.</summary>
    public bool IsLockedOut(string name, DateTimeOffset now) => _failures.TryGetValue(name, out var f) && IsLocked(f, now);

    /// <summary>Counts a failed sign-in of a name; a failure after the window has passed starts a new window.</summary>
    public void Fail(string name, DateTimeOffset now)
    {
        _failures.AddOrUpdate(name, _ => (1, now), (_, f) => now - f.Since >= UserAccounts.LockOut ? (1, now) : (f.Failures + 1, f.Since));
        if (_failures.Count > Capacity)
        {
            Prune(name, now);
        }
    }

    /// <summary>Forgets a name's failures, after it signed in or its password was reset.</summary>
    public void Forget(string name) => _failures.TryRemove(name, out _);

    private static bool IsLocked((int Failures, DateTimeOffset Since) f, DateTimeOffset now) =>
        f.Failures >= UserAccounts.MaxFailures && now - f.Since < UserAccounts.LockOut;

    private void Prune(string failing, DateTimeOffset now)
    {
        lock (_pruning)
        {
            if (_failures.Count <= Capacity)
            {
                return;
            }
            var target = Capacity - Capacity / 4;
            var entries = _failures.ToArray();
            var removable = entries.Length - target;
            // Passed windows first, then unlocked names, then locked ones; the oldest first within each.
            Array.Sort(entries, (a, b) =>
            {
                var rank = Rank(a.Value, now).CompareTo(Rank(b.Value, now));
                return rank != 0 ? rank : a.Value.Since.CompareTo(b.Value.Since);
            });
            foreach (var (name, value) in entries)
            {
                if (removable <= 0 && Rank(value, now) > 0)
                {
                    break;
                }
                if (string.Equals(name, failing, StringComparison.OrdinalIgnoreCase))
                {
                    // The name just counted stays, or a full map would forget every new name at its first failure.
                    continue;
                }
                // Removed only if unchanged since the copy, so a failure counted meanwhile is not lost.
                if (_failures.TryRemove(new KeyValuePair<string, (int, DateTimeOffset)>(name, value)))
                {
                    removable--;
                }
            }
        }
    }

    private static int Rank((int Failures, DateTimeOffset Since) f, DateTimeOffset now) =>
        now - f.Since >= UserAccounts.LockOut ? 0 : IsLocked(f, now) ? 2 : 1;
}
