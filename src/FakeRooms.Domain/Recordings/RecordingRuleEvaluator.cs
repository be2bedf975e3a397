using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Recordings;

/// <summary>
/// Decides whether a track is recorded. Twilio docs (recording-rules): the filters of one rule are ANDed, and the rules
/// are applied in order as set operations, an include adding the tracks it matches and an exclude removing them. For a
/// single track that is: the last rule that matches it decides, and no match means not recorded.
/// </summary>
internal static class RecordingRuleEvaluator
{
    /// <summary>Whether <paramref name="track"/>, published by <paramref name="publisher"/>, is recorded under <paramref name="rules"/>.</summary>
    public static bool Includes(IReadOnlyList<RecordingRule> rules, PublishedTrack track, Participant publisher)
    {
        // [INFERRED] Data tracks are never recorded: the rules' kind filter knows only audio and video, and the
        // recordings docs describe audio and video recordings only.
        if (track.Kind == TrackKind.Data)
            return false;
        var included = false;
        foreach (var rule in rules)
            if (Matches(rule, track, publisher))
                included = rule.Type == RecordingRuleType.Include;
        return included;
    }

    /// <summary>Whether one rule's filters (ANDed) all match the track.</summary>
    public static bool Matches(RecordingRule rule, PublishedTrack track, Participant publisher) =>
        TrackFilter.Matches(rule.All, rule.Publisher, rule.Track, rule.Kind, publisher, track);
}
