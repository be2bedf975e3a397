namespace FakeRooms.Domain.Rooms;

/// <summary>
/// A list kept sorted newest first by (creation time, sequence). Bounds are found by binary search, so a page costs
/// O(log n + page size) whatever the store's size.
/// </summary>
internal sealed class NewestFirstIndex<T>(Func<T, (DateTimeOffset Created, long Sequence)> key, int capacity = 0) : IReadOnlyList<T>
{
    // Stored oldest first from _head on, so that the common cases are cheap: a new item (the newest) is an append, and
    // dropping the oldest (retention of ended rooms) moves _head. Slots before _head are empty; they are given back
    // once they are as many as the live items, so dropping the oldest costs O(1) amortized.
    private readonly List<T> _items = new(capacity);
    private int _head;

    public int Count => _items.Count - _head;

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index));
            return _items[_items.Count - 1 - index];
        }
    }

    /// <summary>The oldest item; the index must not be empty.</summary>
    public T Oldest => Count > 0 ? _items[_head] : throw new InvalidOperationException("The index is empty.");

    public void Add(T item)
    {
        var k = key(item);
        if (Count == 0 || Compare(k, key(_items[^1])) < 0)
        {
            _items.Add(item);
            return;
        }
        var newestFirstAt = IndexOfFirstOlderThan(this, key, k.Created, k.Sequence);
        var at = _items.Count - newestFirstAt;
        if (at == _head && _head > 0)
            _items[--_head] = item;   // older than every item: takes the free slot before the head
        else
            _items.Insert(at, item);
    }

    public bool Remove(T item)
    {
        var k = key(item);
        var newestFirstAt = IndexOfFirstOlderThan(this, key, k.Created, k.Sequence + 1);
        if (newestFirstAt < Count && EqualityComparer<T>.Default.Equals(this[newestFirstAt], item))
        {
            RemoveAtPosition(_items.Count - 1 - newestFirstAt);
            return true;
        }
        var position = Count == 0 ? -1 : _items.IndexOf(item, _head);
        if (position < 0)
            return false;
        RemoveAtPosition(position);
        return true;
    }

    public void Clear()
    {
        _items.Clear();
        _head = 0;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = _items.Count - 1; i >= _head; i--)
            yield return _items[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Removes the item at a storage position, moving whichever side of it is shorter.</summary>
    private void RemoveAtPosition(int position)
    {
        if (position - _head >= _items.Count - 1 - position)
        {
            _items.RemoveAt(position);
        }
        else
        {
            // Nearer the oldest end: shift the older items up one slot and move the head.
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_items);
            span.Slice(_head, position - _head).CopyTo(span[(_head + 1)..]);
            span[_head] = default!;
            _head++;
        }
        if (_head == _items.Count)
            Clear();
        else if (_head >= 16 && _head >= Count)
        {
            _items.RemoveRange(0, _head);
            _head = 0;
        }
    }

    /// <summary>Newest-first comparison: negative when <paramref name="a"/> comes first.</summary>
    internal static int Compare((DateTimeOffset Created, long Sequence) a, (DateTimeOffset Created, long Sequence) b)
    {
        var byDate = b.Created.CompareTo(a.Created);
        return byDate != 0 ? byDate : b.Sequence.CompareTo(a.Sequence);
    }

    /// <summary>Index of the first item strictly older than (created, sequence) in a newest-first list.</summary>
    internal static int IndexOfFirstOlderThan(IReadOnlyList<T> list, Func<T, (DateTimeOffset, long)> key, DateTimeOffset created, long sequence)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Compare(key(list[mid]), (created, sequence)) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}

/// <summary>Keyset paging over newest-first lists.</summary>
internal static class Paging
{
    /// <summary>
    /// One page of a newest-first list, with creation-time bounds (after inclusive, before exclusive) and a cursor.
    /// </summary>
    public static ListPage<TOut> Page<T, TOut>(
        IReadOnlyList<T> newestFirst,
        Func<T, (DateTimeOffset Created, long Sequence)> key,
        Func<T, TOut> select,
        int pageSize,
        PageCursor? cursor,
        DateTimeOffset? createdOnOrAfter = null,
        DateTimeOffset? createdBefore = null)
    {
        // [lo, hi): the items inside the date filter. Items created at `before` or later come first.
        var lo = createdBefore is { } before ? NewestFirstIndex<T>.IndexOfFirstOlderThan(newestFirst, key, before, long.MinValue) : 0;
        var hi = createdOnOrAfter is { } after ? NewestFirstIndex<T>.IndexOfFirstOlderThan(newestFirst, key, after, long.MinValue) : newestFirst.Count;
        if (hi < lo)
            hi = lo;

        int start, end;
        if (cursor is { Forward: false } back)
        {
            // The page just before the boundary item: items newer than it.
            end = Math.Clamp(NewestFirstIndex<T>.IndexOfFirstOlderThan(newestFirst, key, back.Created, back.Sequence + 1), lo, hi);
            start = Math.Max(lo, end - pageSize);
        }
        else
        {
            start = cursor is { } forward
                ? Math.Clamp(NewestFirstIndex<T>.IndexOfFirstOlderThan(newestFirst, key, forward.Created, forward.Sequence), lo, hi)
                : lo;
            end = Math.Min(hi, start + pageSize);
        }

        var items = new List<TOut>(Math.Max(0, end - start));
        for (var i = start; i < end; i++)
            items.Add(select(newestFirst[i]));
        var next = end < hi && end > start ? CursorAt(end - 1, true) : null;
        var previous = start > lo && end > start ? CursorAt(start, false) : null;
        return new ListPage<TOut>(items, next, previous);

        PageCursor CursorAt(int index, bool forward)
        {
            var k = key(newestFirst[index]);
            return new PageCursor(k.Created, k.Sequence, forward);
        }
    }
}
