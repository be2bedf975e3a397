using FakeRooms.Domain.Participants;

namespace FakeRooms.Domain.Rooms;

/// <summary>A filtered, paged read of a room's participants.</summary>
internal sealed record ParticipantQuery
{
    /// <summary>Status filter; connected for in-progress rooms when null.</summary>
    public ParticipantStatus? Status { get; init; }
    /// <summary>Only this identity.</summary>
    public string? Identity { get; init; }
    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedOnOrAfter { get; init; }
    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }
    /// <summary>Page size, 1..1000.</summary>
    public int PageSize { get; init; } = 50;
    /// <summary>Page position from a token.</summary>
    public PageCursor? Cursor { get; init; }
}
