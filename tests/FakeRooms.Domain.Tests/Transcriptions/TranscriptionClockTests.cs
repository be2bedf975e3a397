using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Transcriptions;

namespace FakeRooms.Domain.Tests.Transcriptions;

/// <summary>
/// The Transcriptions resource's status and times (docs video/api/transcriptions): it runs while started and someone is
/// in the room; end_time and the cumulative duration show when it pauses.
/// </summary>
public sealed class TranscriptionClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> English = new() { ["languageCode"] = "en-US", ["partialResults"] = "true" };

    [Test]
    public void A_transcription_created_in_an_empty_room_starts_with_the_first_participant_and_pauses_with_the_last()
    {
        var clock = TranscriptionClock.Start("video_extension_1", "AC1", "RM1", English, T0, 1, anyoneInRoom: false);

        clock.Current.Should().BeEquivalentTo(new { Status = TranscriptionStatus.Started, StartTime = (DateTimeOffset?)null, EndTime = (DateTimeOffset?)null,
            Duration = (int?)null, DateUpdated = (DateTimeOffset?)null });
        clock.OnRoomOccupied(T0.AddSeconds(10));
        clock.OnRoomEmptied(T0.AddSeconds(40));
        clock.OnRoomOccupied(T0.AddSeconds(100));
        clock.OnRoomEmptied(T0.AddSeconds(115));

        clock.Current.StartTime.Should().Be(T0.AddSeconds(10));
        clock.Current.EndTime.Should().Be(T0.AddSeconds(115));
        clock.Current.Duration.Should().Be(45);
        clock.Current.Status.Should().Be(TranscriptionStatus.Started);
    }

    [Test]
    public void Stopping_and_restarting_counts_only_started_time_and_the_same_status_is_no_transition()
    {
        var clock = TranscriptionClock.Start("video_extension_1", "AC1", "RM1", English, T0, 1, anyoneInRoom: true);

        clock.Update(TranscriptionStatus.Stopped, null, T0.AddSeconds(30), anyoneInRoom: true);
        clock.Update(TranscriptionStatus.Stopped, null, T0.AddSeconds(60), anyoneInRoom: true);
        clock.Update(TranscriptionStatus.Started, null, T0.AddSeconds(90), anyoneInRoom: true);
        var stopped = clock.Update(TranscriptionStatus.Stopped, null, T0.AddSeconds(100), anyoneInRoom: true);

        stopped.Duration.Should().Be(40);
        stopped.EndTime.Should().Be(T0.AddSeconds(100));
        stopped.DateUpdated.Should().Be(T0.AddSeconds(100));
        stopped.StartTime.Should().Be(T0);
    }

    [Test]
    public void A_configuration_update_is_applied_over_the_existing_one_without_a_state_transition()
    {
        var clock = TranscriptionClock.Start("video_extension_1", "AC1", "RM1", English, T0, 1, anyoneInRoom: true);

        var updated = clock.Update(null, new Dictionary<string, string> { ["languageCode"] = "nl-BE" }, T0.AddSeconds(5), anyoneInRoom: true);

        updated.Configuration.Should().Equal(new Dictionary<string, string> { ["languageCode"] = "nl-BE", ["partialResults"] = "true" });
        updated.Status.Should().Be(TranscriptionStatus.Started);
        updated.EndTime.Should().BeNull();
    }

    [Test]
    public void A_failed_transcription_cannot_be_restarted_and_a_room_end_stops_a_started_one()
    {
        var failed = TranscriptionClock.Start("video_extension_1", "AC1", "RM1", English, T0, 1, anyoneInRoom: true);
        failed.Fail(T0.AddSeconds(20));
        var ended = TranscriptionClock.Start("video_extension_2", "AC1", "RM2", English, T0, 2, anyoneInRoom: true);

        var restart = () => failed.Update(TranscriptionStatus.Started, null, T0.AddSeconds(30), anyoneInRoom: true);
        ended.OnRoomEnded(T0.AddSeconds(50));

        restart.Should().Throw<TwilioErrorException>().Which.Error.Should().Match<TwilioError>(e => e.Code == 20001 && e.HttpStatus == 400);
        failed.Current.Duration.Should().Be(20);
        ended.Current.Should().BeEquivalentTo(new { Status = TranscriptionStatus.Stopped, Duration = (int?)50, EndTime = (DateTimeOffset?)T0.AddSeconds(50) });
    }
}
