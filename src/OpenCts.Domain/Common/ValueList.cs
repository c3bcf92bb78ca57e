using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace OpenCts.Domain.Common;

/// <summary>An immutable list that compares by its items, so that records holding it compare by value.</summary>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public readonly struct ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly ImmutableArray<T> _items;

    public ValueList(IEnumerable<T>? items) => _items = items switch
    {
        null => [],
        // A list is copied once, straight into the immutable array; the spread copies it twice.
        List<T> list => ImmutableArray.Create(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)),
        _ => [.. items],
    };

    internal ValueList(ImmutableArray<T> items) => _items = items;

    public static ValueList<T> Empty => new(ImmutableArray<T>.Empty);

    public int Count => _items.IsDefault ? 0 : _items.Length;

    public T this[int index] => _items[index];

    public ImmutableArray<T> AsImmutableArray() => _items.IsDefault ? [] : _items;

    public ReadOnlySpan<T> AsSpan() => _items.IsDefault ? default : _items.AsSpan();

    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    public bool Equals(ValueList<T> other) => AsSpan().SequenceEqual(other.AsSpan(), EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in AsSpan())
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }

    public static bool operator ==(ValueList<T> left, ValueList<T> right) => left.Equals(right);

    public static bool operator !=(ValueList<T> left, ValueList<T> right) => !left.Equals(right);

    public static implicit operator ValueList<T>(T[] items) => new(ImmutableArray.Create(items));

    public static implicit operator ValueList<T>(List<T> items) => new(items);

    public override string ToString() => $"[{string.Join(", ", AsImmutableArray())}]";
}

/// <summary>Builds <see cref="ValueList{T}"/> from collection expressions.</summary>
public static class ValueList
{
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => new(ImmutableArray.Create(items));
}
