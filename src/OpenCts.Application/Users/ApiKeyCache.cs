using System.Collections.Concurrent;
using OpenCts.Storage.Users;

namespace OpenCts.Application.Users;

/// <summary>The accounts that API keys were last found to belong to, each kept for <see cref="Lifetime"/>, so that a key used again and again is not looked up in the store for every request.</summary>
/// <remarks>
/// Every request of a carrier's system carries its key, and on a PostgreSQL store the look-up was a round trip and a
/// query of its own for each (measured with <c>cts bench load</c> against a PostgreSQL store). What is kept is the account
/// as stored, not the answer: the secret is still checked against its hash, and a disabled account refused, on every
/// request. A change made through this process empties the cache at once; a change made by another process (a second
/// server, <c>cts users</c>) is seen here within <see cref="Lifetime"/>. Time here is the machine's monotonic clock, not the
/// store's, which tests may hold still.
/// </remarks>
internal sealed class ApiKeyCache
{
    /// <summary>How long a look-up is trusted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    /// <summary>The most keys kept; beyond it the cache starts again empty, so that made-up keys cannot grow it.</summary>
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (UserAccount Account, long ReadAt)> _accounts = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Changes each time the cache is emptied; a look-up made across a change is not kept.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The account a key id was found to belong to less than <see cref="Lifetime"/> ago.</summary>
    public UserAccount? Find(string apiKeyId) =>
        _accounts.TryGetValue(apiKeyId, out var found) && Environment.TickCount64 - found.ReadAt < (long)Lifetime.TotalMilliseconds ? found.Account : null;

    /// <summary>Keeps what the store said a key id belongs to, unless an account changed since the look-up began (it may have read the account before the change).</summary>
    /// <param name="apiKeyId">The key's id.</param>
    /// <param name="account">The account the store found.</param>
    /// <param name="generation"><see cref="Generation"/> when the look-up began.</param>
    public void Keep(string apiKeyId, UserAccount account, long generation)
    {
        lock (_accounts)
        {
            if (generation != _generation)
            {
                return;
            }
            if (_accounts.Count >= Capacity)
            {
                _accounts.Clear();
            }
            _accounts[apiKeyId] = (account, Environment.TickCount64);
        }
    }

    /// <summary>Forgets every look-up: an account was changed.</summary>
    public void Clear()
    {
        lock (_accounts)
        {
            _generation++;
            _accounts.Clear();
        }
    }
}
