using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Tests.Recordings;

/// <summary>The pure rules behind recordings and compositions: rule evaluation, resolution limits, source wildcards.</summary>
public sealed class RecordingRulesAndSourcesTests
{
    private static readonly Participant Alice = new()
    {
        Sid = "PA00000000000000000000000000000001", RoomSid = "RM1", AccountSid = "AC1", Identity = "alice",
    };

    private static PublishedTrack Track(string name, TrackKind kind) => new()
    {
        Sid = "MT0000000000000000000000000000000" + (int)kind, ParticipantSid = Alice.Sid, RoomSid = "RM1", Name = name, Kind = kind,
    };

    private static RecordingRule Include(bool? all = null, string? publisher = null, string? track = null, string? kind = null) =>
        new(RecordingRuleType.Include, all, publisher, track, kind);

    private static RecordingRule Exclude(bool? all = null, string? publisher = null, string? track = null, string? kind = null) =>
        new(RecordingRuleType.Exclude, all, publisher, track, kind);

    [Test]
    public void The_last_matching_rule_decides_and_no_match_means_not_recorded()
    {
        var mic = Track("mic", TrackKind.Audio);

        RecordingRuleEvaluator.Includes([], mic, Alice).Should().BeFalse();
        RecordingRuleEvaluator.Includes([Include(all: true)], mic, Alice).Should().BeTrue();
        RecordingRuleEvaluator.Includes([Include(all: true), Exclude(kind: "audio")], mic, Alice).Should().BeFalse();
        RecordingRuleEvaluator.Includes([Exclude(kind: "audio"), Include(all: true)], mic, Alice).Should().BeTrue();
        RecordingRuleEvaluator.Includes([Include(kind: "video")], mic, Alice).Should().BeFalse();
    }

    [Test]
    public void Filters_of_one_rule_are_anded_and_match_identity_or_sid_case_sensitively()
    {
        var mic = Track("mic", TrackKind.Audio);

        RecordingRuleEvaluator.Includes([Include(publisher: "alice", kind: "audio")], mic, Alice).Should().BeTrue();
        RecordingRuleEvaluator.Includes([Include(publisher: "alice", kind: "video")], mic, Alice).Should().BeFalse();
        RecordingRuleEvaluator.Includes([Include(publisher: Alice.Sid, track: mic.Sid)], mic, Alice).Should().BeTrue();
        RecordingRuleEvaluator.Includes([Include(publisher: "Alice")], mic, Alice).Should().BeFalse();
        RecordingRuleEvaluator.Includes([Include(track: "MIC")], mic, Alice).Should().BeFalse();
    }

    [Test]
    public void Data_tracks_are_never_recorded()
    {
        RecordingRuleEvaluator.Includes([Include(all: true)], Track("chat", TrackKind.Data), Alice).Should().BeFalse();
    }

    [TestCase("640x480", true)]
    [TestCase("16x16", true)]
    [TestCase("1280x720", true)]
    [TestCase("720x1280", true)]
    [TestCase("960x960", true)]
    [TestCase("1280x721", false)]
    [TestCase("961x960", false)]
    [TestCase("15x480", false)]
    [TestCase("640x1281", false)]
    [TestCase("640x", false)]
    [TestCase("x480", false)]
    [TestCase("640X480", false)]
    [TestCase("+640x480", false)]
    [TestCase("640x480x2", false)]
    public void Resolution_limits_follow_the_spec(string resolution, bool valid)
    {
        CompositionRules.IsValidResolution(resolution).Should().Be(valid);
    }

    [TestCase("student*", "student", true)]
    [TestCase("student*", "studentTeam", true)]
    [TestCase("student*", "teacher", false)]
    [TestCase("*", "anything", true)]
    [TestCase("*cam", "alice-cam", true)]
    [TestCase("a*c*e", "abcde", true)]
    [TestCase("a*c*e", "abcdf", false)]
    [TestCase("a*a", "a", false)]
    [TestCase("mic", "mic", true)]
    [TestCase("mic", "Mic", false)]
    public void Wildcards_match_zero_or_more_characters(string pattern, string text, bool matches)
    {
        CompositionRules.Wildcard(pattern, text, ignoreCase: false).Should().Be(matches);
    }

    [Test]
    public void Sources_match_track_names_and_recording_track_or_participant_sids()
    {
        var recording = new Recording
        {
            Sid = "RT1", AccountSid = "AC1", RoomSid = "RM1", ParticipantSid = "PA1", SourceSid = "MT1", TrackName = "alice-cam",
        };

        CompositionRules.Selected(["alice-*"], [], recording).Should().BeTrue();
        CompositionRules.Selected(["RT1"], [], recording).Should().BeTrue();
        CompositionRules.Selected(["MT1"], [], recording).Should().BeTrue();
        CompositionRules.Selected(["PA1"], [], recording).Should().BeTrue();
        CompositionRules.Selected(["*"], ["*-cam"], recording).Should().BeFalse();
        CompositionRules.Selected([], [], recording).Should().BeFalse();
    }
}
