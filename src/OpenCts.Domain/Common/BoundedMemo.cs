using System.Collections.Concurrent;

namespace OpenCts.Domain.Common;

/// <summary>The results of a pure function kept by argument, up to a number of arguments: once full, it starts again empty.</summary>
/// <remarks>
/// <para>
/// For work that is asked again and again with the same argument and gives the same answer each time, such as screening
/// a regular shipper's name against the watch lists of one engine snapshot, or reading a goods description that
/// thousands of parcels repeat. The owner must be as immutable as the function: a memo belongs to the snapshot whose
/// answers it keeps, and goes with it.
/// </para>
/// <para>
/// Starting again rather than evicting the least used keeps a hit to one lookup with no bookkeeping, which is the point:
/// the function it spares costs a few microseconds. Where arguments rarely repeat, the memo fills, empties and costs
/// only the lookup and the insert; its memory is bounded by <see cref="Capacity"/> either way (give or take the few
/// answers that threads add while it empties). Safe to share between threads; two threads that miss the same argument
/// at once both compute it, and one answer is kept.
/// </para>
/// </remarks>
public sealed class BoundedMemo<TKey, TValue> where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values;
    private int _count;

    /// <param name="capacity">How many arguments are kept at most.</param>
    /// <param name="comparer">How arguments compare; the type's default when null.</param>
    public BoundedMemo(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _values = new ConcurrentDictionary<TKey, TValue>(comparer);
    }

    /// <summary>How many arguments are kept at most.</summary>
    public int Capacity { get; }

    /// <summary>How many arguments are kept now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The answer for <paramref name="key"/>: the one kept, or <paramref name="compute"/>'s, then kept.</summary>
    /// <param name="key">The argument.</param>
    /// <param name="state">What <paramref name="compute"/> needs besides the argument, so that it need not capture it.</param>
    /// <param name="compute">The function; it must give the same answer for the same argument and state.</param>
    public TValue Get<TState>(TKey key, TState state, Func<TKey, TState, TValue> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (_values.TryGetValue(key, out var value))
        {
            return value;
        }
        value = compute(key, state);
        // ConcurrentDictionary.Count takes every lock of the table; a counter of our own does not.
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            lock (_values)
            {
                if (Volatile.Read(ref _count) > Capacity)
                {
                    _values.Clear();
                    Volatile.Write(ref _count, 1);
                }
            }
        }
        if (!_values.TryAdd(key, value))
        {
            Interlocked.Decrement(ref _count);
        }
        return value;
    }
}
