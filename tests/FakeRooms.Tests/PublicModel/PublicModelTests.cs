using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.PublicModel;

/// <summary>
/// The public records and enums users see instead of the internal domain's: the enums convert by cast, so each must
/// keep its domain twin's members, values and order; the records carry what the domain holds.
/// </summary>
public sealed class PublicModelTests : FakeRoomsTest
{
    private static IEnumerable<TestCaseData> Twins()
    {
        yield return new TestCaseData(typeof(VideoRoomType), typeof(RoomType));
        yield return new TestCaseData(typeof(VideoRoomStatus), typeof(RoomStatus));
        yield return new TestCaseData(typeof(VideoParticipantStatus), typeof(ParticipantStatus));
        yield return new TestCaseData(typeof(VideoTrackKind), typeof(TrackKind));
        yield return new TestCaseData(typeof(VideoRecordingStatus), typeof(RecordingStatus));
        yield return new TestCaseData(typeof(VideoRecordingFailedOperation), typeof(RecordingFailedOperation));
        yield return new TestCaseData(typeof(VideoCompositionStatus), typeof(CompositionStatus));
        yield return new TestCaseData(typeof(VideoCallbackEvent), typeof(RoomEventKind));
    }

    [TestCaseSource(nameof(Twins))]
    public void A_public_enum_has_the_members_and_values_of_its_domain_twin(Type publicEnum, Type domainEnum)
    {
        publicEnum.IsPublic.Should().BeTrue();
        domainEnum.IsPublic.Should().BeFalse();
        Enum.GetNames(publicEnum).Should().Equal(Enum.GetNames(domainEnum));
        Enum.GetValuesAsUnderlyingType(publicEnum).Cast<int>().Should().Equal(Enum.GetValuesAsUnderlyingType(domainEnum).Cast<int>());
    }

    [Test]
    public void Fault_rules_take_every_twilio_operation_and_cannot_name_unknown_or_control()
    {
        var twilio = Enum.GetValues<Operation>().Where(o => o is not (Operation.Unknown or Operation.Control));

        Enum.GetValues<TwilioOperation>().Select(o => (Operation)(int)o).Should().Equal(twilio);
        Enum.GetNames<TwilioOperation>().Should().Equal(twilio.Select(o => o.ToString()));
        typeof(global::FakeRooms.Faults.FaultInjector).GetMethod(nameof(global::FakeRooms.Faults.FaultInjector.On))!.GetParameters()
            .Select(p => p.ParameterType).Should().Equal(typeof(TwilioOperation), typeof(TwilioOperation[]));
    }

    [Test]
    public async Task A_room_read_in_process_carries_what_rest_created_it_with()
    {
        var created = (await PostForm("/v1/Rooms", "UniqueName=mapped&Type=group&MaxParticipants=7&VideoCodecs=H264&StatusCallbackMethod=GET"
            + "&RecordingRules=" + Uri.EscapeDataString("""{"rules":[{"type":"exclude","publisher":"bob","kind":"video"}]}"""))).Json;

        var room = Fake.Rooms.Get("mapped");

        room.Sid.Should().Be(created.Value<string>("sid"));
        room.AccountSid.Should().Be(Fake.AccountSid);
        room.Status.Should().Be(VideoRoomStatus.InProgress);
        room.Type.Should().Be(VideoRoomType.Group);
        room.MaxParticipants.Should().Be(7);
        room.VideoCodecs.Should().Equal("H264");
        room.StatusCallback.Should().BeNull();
        room.StatusCallbackMethod.Should().Be("GET");
        room.RecordingRules.Should().Equal(new RecordingRuleInfo("exclude", null, "bob", null, "video"));
        Fake.Calls.Snapshot().Single().Room.Should().BeEquivalentTo(room, "the journal keeps the room as the call answered it");
    }

    [Test]
    public void A_participant_and_its_tracks_read_in_process_carry_their_state()
    {
        var room = Fake.Rooms.Create(new NewRoom { UniqueName = "tracks" });
        var alice = Fake.Rooms.Connect(room.Sid, "alice");
        var bob = Fake.Rooms.Connect(room.Sid, "bob");

        var camera = alice.Publish(VideoTrackKind.Video, "camera");
        alice.Disable("camera");

        camera.Should().Match<PublishedTrackInfo>(t => t.Kind == VideoTrackKind.Video && t.Name == "camera" && t.Enabled
            && t.ParticipantSid == alice.Sid && t.RoomSid == room.Sid);
        alice.PublishedTracks.Should().ContainSingle().Which.Enabled.Should().BeFalse();
        bob.SubscribedTracks.Should().ContainSingle().Which.PublisherSid.Should().Be(alice.Sid);
        Fake.Rooms.Connect(room.Sid, "alice");
        alice.Current.Status.Should().Be(VideoParticipantStatus.Disconnected);
        alice.Current.DisconnectError.Should().Be(new TwilioErrorInfo(53205, 409, "Participant disconnected because of duplicate identity"));
    }

    [Test]
    public void A_refusal_in_process_is_the_public_exception_with_twilios_code()
    {
        var room = Fake.Rooms.Complete(Fake.Rooms.Create().Sid);
        Action act = () => Fake.Rooms.Connect(room.Sid, "alice");

        act.ShouldFailWithTwilioError(400, 53118).MoreInfo.Should().Be("https://www.twilio.com/docs/errors/53118");
        act.Should().Throw<TwilioVideoException>().WithMessage("53118: Room completed");
    }
}
