using System.Collections;

namespace FakeRooms;

/// <summary>
/// A read-only list that equals another with the same items: the public records are compared by value, and a record's
/// list member would otherwise compare by reference (two reads of the same room would differ).
/// </summary>
internal sealed class ValueList<T>(T[] items) : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    public static readonly ValueList<T> Empty = new([]);

    public T this[int index] => items[index];

    public int Count => items.Length;

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueList<T>? other) => other is not null && items.AsSpan().SequenceEqual(other.Items);

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
            hash.Add(item);
        return hash.ToHashCode();
    }

    private T[] Items => items;
}
