namespace FakeRooms.Domain.Rooms;

/// <summary>
/// A list kept sorted newest first by (creation time, sequence). Bounds are found by binary search, so a page costs
/// O(log n + page size) whatever the store's size.
/// </summary>
internal sealed class NewestFirstIndex<T>(Func<T, (DateTimeOffset Created, long Sequence)> key) : IReadOnlyList<T>
{
    // Stored oldest first, so that the common case (a new item is the newest) is an append.
    private readonly List<T> _oldestFirst = [];

    public int Count => _oldestFirst.Count;

    public T this[int index] => _oldestFirst[_oldestFirst.Count - 1 - index];

    public void Add(T item)
    {
        var k = key(item);
        if (_oldestFirst.Count == 0 || Compare(k, key(_oldestFirst[^1])) < 0)
        {
            _oldestFirst.Add(item);
            return;
        }
        var newestFirstAt = IndexOfFirstOlderThan(this, key, k.Created, k.Sequence);
        _oldestFirst.Insert(_oldestFirst.Count - newestFirstAt, item);
    }

    public bool Remove(T item)
    {
        var k = key(item);
        var newestFirstAt = IndexOfFirstOlderThan(this, key, k.Created, k.Sequence + 1);
        if (newestFirstAt < Count && EqualityComparer<T>.Default.Equals(this[newestFirstAt], item))
        {
            _oldestFirst.RemoveAt(_oldestFirst.Count - 1 - newestFirstAt);
            return true;
        }
        return _oldestFirst.Remove(item);
    }

    public void Clear() => _oldestFirst.Clear();

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = _oldestFirst.Count - 1; i >= 0; i--)
            yield return _oldestFirst[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

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
