namespace FakeRooms.Domain.Participants;

/// <summary>
/// The filters recording rules and subscribe rules share (docs recording-rules and track-subscriptions): <c>all</c>,
/// <c>publisher</c> (identity or PA SID, case-sensitive), <c>track</c> (name or MT SID, case-sensitive) and <c>kind</c>.
/// The filters of one rule are ANDed; a rule with none matches nothing.
/// </summary>
internal static class TrackFilter
{
    public static bool Matches(bool? all, string? publisherFilter, string? trackFilter, string? kindFilter, Participant publisher, PublishedTrack track)
    {
        if (all == true)
            return true;
        var any = false;
        if (publisherFilter is { } who)
        {
            if (!string.Equals(who, publisher.Identity, StringComparison.Ordinal) && !string.Equals(who, publisher.Sid, StringComparison.Ordinal))
                return false;
            any = true;
        }
        if (trackFilter is { } name)
        {
            if (!string.Equals(name, track.Name, StringComparison.Ordinal) && !string.Equals(name, track.Sid, StringComparison.Ordinal))
                return false;
            any = true;
        }
        if (kindFilter is { } kind)
        {
            if (!string.Equals(kind, KindName(track.Kind), StringComparison.Ordinal))
                return false;
            any = true;
        }
        return any;
    }

    /// <summary>The rules' spelling of a track kind.</summary>
    public static string KindName(TrackKind kind) => kind switch
    {
        TrackKind.Audio => "audio",
        TrackKind.Video => "video",
        _ => "data",
    };
}
