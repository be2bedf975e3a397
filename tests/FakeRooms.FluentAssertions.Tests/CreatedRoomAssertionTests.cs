using FakeRooms.FluentAssertions.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.FluentAssertions.Tests;

public sealed class CreatedRoomAssertionTests : AssertionTest
{
    [Test]
    public async Task HaveCreatedRoom_passes_and_Which_is_the_call_and_the_room()
    {
        var room = await Create("standup");

        var call = fake.Should().HaveCreatedRoom("standup").Which;

        call.Operation.Should().Be(Operation.CreateRoom);
        call.StatusCode.Should().Be(201);
        call.Room!.Sid.Should().Be(room.Sid);
        call.Room.UniqueName.Should().Be("standup");
    }

    [Test]
    public async Task HaveCreatedRoom_accepts_the_sid_of_an_unnamed_room()
    {
        var room = await Create();

        fake.Should().HaveCreatedRoom(room.Sid).Which.Room!.UniqueName.Should().Be(room.Sid);
    }

    [Test]
    public async Task HaveCreatedRoom_failure_points_at_a_name_whose_case_differs()
    {
        await Create("standup");
        await Create("daily");

        FailureOf(() => fake.Should().HaveCreatedRoom("Standup")).Should().Be(
            "Expected fake to have created room \"Standup\", but there was no CreateRoom with UniqueName \"Standup\"; "
            + "recorded: \"standup\" (case differs), \"daily\".");
    }

    [Test]
    public async Task HaveCreatedRoom_failure_shows_rejections_ignored_parameters_and_json_bodies()
    {
        await Create("standup");
        await Rejected(() => Create("standup"));
        await PostForm("/v1/Rooms", "uniqueName=retro");
        await PostJson("/v1/Rooms", "{\"UniqueName\":\"retro\"}");
        var unnamed = fake.Rooms.All;

        FailureOf(() => fake.Should().HaveCreatedRoom("retro", "the retro is booked {0}", "weekly")).Should().Be(
            "Expected fake to have created room \"retro\" because the retro is booked weekly, but there was no CreateRoom with UniqueName \"retro\"; "
            + "recorded: \"standup\", \"standup\" (rejected: 400 (53113 Room exists)), "
            + $"no UniqueName (room {unnamed[1].Sid}; Twilio ignored uniqueName=retro), "
            + $"no UniqueName (room {unnamed[2].Sid}; Twilio ignored the application/json; charset=utf-8 body).");
    }

    [Test]
    public void HaveCreatedRoom_failure_says_when_nothing_was_created()
    {
        FailureOf(() => fake.Should().HaveCreatedRoom("standup")).Should().Be(
            "Expected fake to have created room \"standup\", but there was no CreateRoom with UniqueName \"standup\"; recorded: no CreateRoom calls.");
    }

    [Test]
    public async Task HaveCreatedRoom_failure_shows_recorded_braces_verbatim()
    {
        await Create("{0} {reason}");

        FailureOf(() => fake.Should().HaveCreatedRoom("{1}")).Should().Be(
            "Expected fake to have created room \"{1}\", but there was no CreateRoom with UniqueName \"{1}\"; recorded: \"{0} {reason}\".");
    }

    [Test]
    public async Task Parameter_checks_pass_on_the_room_as_created()
    {
        await Create("standup", RoomResource.RoomTypeEnum.Group, maxParticipants: 2, statusCallback: Callback);

        fake.Should().HaveCreatedRoom("standup")
            .WithType("group")
            .WithMaxParticipants(2)
            .WithStatusCallback(Callback)
            .WithParameter("MaxParticipants", "2")
            .And.HaveCreatedRooms(1);
    }

    [Test]
    public async Task WithType_passes_on_twilio_default_when_type_not_sent()
    {
        await Create("standup");

        fake.Should().HaveCreatedRoom("standup").WithType("group").WithMaxParticipants(50);
    }

    [Test]
    public async Task WithType_failure_says_what_the_room_was_created_with()
    {
        await Create("standup");

        FailureOf(() => fake.Should().HaveCreatedRoom("standup").WithType("go")).Should().Be(
            "Expected fake to have created room \"standup\" with type \"go\", but it was created with type \"group\" (Type not sent).");
    }

    [Test]
    public async Task WithType_failure_names_the_parameter_twilio_ignored()
    {
        await PostForm("/v1/Rooms", "UniqueName=standup&type=go");

        FailureOf(() => fake.Should().HaveCreatedRoom("standup").WithType("go")).Should().Be(
            "Expected fake to have created room \"standup\" with type \"go\", but it was created with type \"group\" (Type not sent; Twilio ignored type=go).");
    }

    [Test]
    public async Task WithMaxParticipants_failure_says_what_the_room_was_created_with()
    {
        await Create("standup", maxParticipants: 10);

        FailureOf(() => fake.Should().HaveCreatedRoom("standup").WithMaxParticipants(2, "two people meet")).Should().Be(
            "Expected fake to have created room \"standup\" with max participants 2 because two people meet, but it was created with max participants 10.");
    }

    [Test]
    public async Task WithStatusCallback_failure_says_there_was_none()
    {
        await Create("standup");

        FailureOf(() => fake.Should().HaveCreatedRoom("standup").WithStatusCallback(Callback)).Should().Be(
            $"Expected fake to have created room \"standup\" with status callback \"{Callback}\", but it was created with no status callback (StatusCallback not sent).");
    }

    [Test]
    public async Task WithStatusCallback_failure_points_at_a_case_difference()
    {
        await Create("standup", statusCallback: "https://app.invalid/Video/Events");

        FailureOf(() => fake.Should().HaveCreatedRoom("standup").WithStatusCallback(Callback)).Should().Be(
            $"Expected fake to have created room \"standup\" with status callback \"{Callback}\", but it was created with status callback \"https://app.invalid/Video/Events\" (case differs).");
    }

    [Test]
    public async Task WithParameter_checks_the_form_field_as_sent()
    {
        await PostForm("/v1/Rooms", "UniqueName=standup&VideoCodecs=VP8&VideoCodecs=H264&EmptyRoomTimeout=10");

        fake.Should().HaveCreatedRoom("standup").WithParameter("VideoCodecs", "H264").WithParameter("EmptyRoomTimeout", "10");
    }

    [Test]
    public async Task WithParameter_failure_lists_the_values_sent()
    {
        await PostForm("/v1/Rooms", "UniqueName=standup&VideoCodecs=VP8&emptyRoomTimeout=10");

        FailureOf(() => fake.Should().HaveCreatedRoom("standup").WithParameter("VideoCodecs", "H264")).Should().Be(
            "Expected fake to have created room \"standup\" with parameter VideoCodecs=H264, but it was created with VideoCodecs=VP8.");
        FailureOf(() => fake.Should().HaveCreatedRoom("standup").WithParameter("EmptyRoomTimeout", "10")).Should().Be(
            "Expected fake to have created room \"standup\" with parameter EmptyRoomTimeout=10, but it was created with no EmptyRoomTimeout parameter (Twilio ignored emptyRoomTimeout=10).");
    }

    [Test]
    public async Task Parameter_checks_narrow_to_the_create_that_matches()
    {
        await Create("standup", maxParticipants: 4);
        fake.Rooms.Complete("standup");
        var second = await Create("standup", maxParticipants: 2);

        fake.Should().HaveCreatedRoom("standup").WithMaxParticipants(2).Which.Room!.Sid.Should().Be(second.Sid);
        fake.Should().HaveCreatedRoom("standup").Calls.Should().HaveCount(2);
        FailureOf(() => fake.Should().HaveCreatedRoom("standup").WithMaxParticipants(3)).Should().Be(
            "Expected fake to have created room \"standup\" with max participants 3, but it was created with max participants 4; max participants 2.");
    }

    [Test]
    public async Task NotHaveCreatedRoom_passes_when_only_other_or_rejected_creates()
    {
        await Create("daily");
        await Rejected(() => Create("standup", maxParticipants: 100));

        fake.Should().NotHaveCreatedRoom("standup");
    }

    [Test]
    public async Task NotHaveCreatedRoom_failure_lists_the_creates()
    {
        var room = await Create("standup");

        FailureOf(() => fake.Should().NotHaveCreatedRoom("standup")).Should().Be(
            "Expected fake not to have created room \"standup\", but it did: #1 CreateRoom POST /v1/Rooms -> 201.");
        room.Sid.Should().StartWith("RM");
    }

    [Test]
    public async Task HaveCreatedRooms_counts_successful_creates_and_Which_is_the_rooms()
    {
        await Create("a");
        await Create("b");
        await Rejected(() => Create("a"));
        await Create("c");

        fake.Should().HaveCreatedRooms(3).Which.Select(r => r.UniqueName).Should().Equal("a", "b", "c");
    }

    [Test]
    public async Task HaveCreatedRooms_failure_lists_created_and_rejected()
    {
        await Create("standup");
        await Rejected(() => Create("standup"));
        await Create("daily");

        FailureOf(() => fake.Should().HaveCreatedRooms(3)).Should().Be(
            "Expected fake to have created 3 rooms, but it created 2: \"standup\", \"daily\"; rejected: \"standup\" (rejected: 400 (53113 Room exists)).");
        FailureOf(() => fake.Should().HaveCreatedRooms(0)).Should().Be(
            "Expected fake to have created 0 rooms, but it created 2: \"standup\", \"daily\"; rejected: \"standup\" (rejected: 400 (53113 Room exists)).");
    }

    [Test]
    public void HaveCreatedRooms_failure_when_none()
    {
        FailureOf(() => fake.Should().HaveCreatedRooms(1)).Should().Be("Expected fake to have created 1 room, but it created none.");
    }
}
