namespace FakeRooms.Domain.Rooms;

/// <summary>A filtered, paged read of rooms. Dates: after is inclusive, before exclusive (spec ListRoom).</summary>
internal sealed record RoomQuery
{
    /// <summary>Status to read; in-progress when null (docs: "the status parameter defaults to in-progress").</summary>
    public RoomStatus? Status { get; init; }
    /// <summary>Only rooms with this unique name.</summary>
    public string? UniqueName { get; init; }
    /// <summary>Only rooms created at or after this time.</summary>
    public DateTimeOffset? CreatedOnOrAfter { get; init; }
    /// <summary>Only rooms created before this time.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }
    /// <summary>Page size, 1..1000.</summary>
    public int PageSize { get; init; } = 50;
    /// <summary>Where the page starts, from a page token; null for the first page.</summary>
    public PageCursor? Cursor { get; init; }
}

/// <summary>A position in a list ordered newest first: the (creation time, sequence) of an item, and the direction.</summary>
/// <param name="Created">Creation time of the boundary item.</param>
/// <param name="Sequence">Sequence of the boundary item.</param>
/// <param name="Forward">True: items after (older than) the boundary; false: items before (newer than) it.</param>
internal sealed record PageCursor(DateTimeOffset Created, long Sequence, bool Forward);

/// <summary>One page of a list, and cursors to its neighbours.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items, newest first.</param>
/// <param name="Next">Cursor to the next (older) page, or null on the last page.</param>
/// <param name="Previous">Cursor to the previous (newer) page, or null on the first page.</param>
internal sealed record ListPage<T>(IReadOnlyList<T> Items, PageCursor? Next, PageCursor? Previous);
