using FakeRooms.FluentAssertions.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.FluentAssertions.Tests;

public sealed class StrictnessAssertionTests : AssertionTest
{
    [Test]
    public async Task HaveNoUnexpectedCalls_passes_for_clean_sdk_traffic()
    {
        var room = await Create("standup", RoomResource.RoomTypeEnum.Group, statusCallback: Callback);
        await RoomResource.FetchAsync(pathSid: room.Sid, client: Twilio);
        await RoomResource.UpdateAsync(pathSid: room.Sid, status: RoomResource.RoomStatusEnum.Completed, client: Twilio);

        fake.Should().HaveNoUnexpectedCalls();
    }

    [Test]
    public async Task HaveNoUnexpectedCalls_lists_ignored_parameters_json_bodies_and_4xx_with_reasons()
    {
        await PostForm("/v1/Rooms", "uniqueName=standup&Type=group&StatusCalback=https%3A%2F%2Fapp.invalid%2Fcb");
        await PostJson("/v1/Rooms", "{\"UniqueName\":\"daily\"}");
        await Create("retro");
        await Rejected(() => Create("retro"));
        await GetRaw("/v1/Rooms?status=completed");

        FailureOf(() => fake.Should().HaveNoUnexpectedCalls("Twilio would not do what the app meant")).Should().Be(
            "Expected fake to have made no calls that Twilio would reject or silently ignore because Twilio would not do what the app meant, but found 4:\n"
            + "  #1 CreateRoom POST /v1/Rooms: Twilio ignores \"uniqueName\" (did you mean \"UniqueName\"?), \"StatusCalback\" (did you mean \"StatusCallback\"?)\n"
            + "  #2 CreateRoom POST /v1/Rooms: Twilio ignores the application/json; charset=utf-8 body (it reads form fields only)\n"
            + "  #4 CreateRoom POST /v1/Rooms: answered 400 (53113 Room exists)\n"
            + "  #5 ReadRoom GET /v1/Rooms: Twilio ignores \"status\" (did you mean \"Status\"?).");
    }

    [Test]
    public async Task HaveNoUnexpectedCalls_suggests_the_parameter_names_of_every_operation()
    {
        await GetRaw("/v1/Recordings?mediaType=audio&GroupingSids=CA00000000000000000000000000000000");
        await PostForm("/v1/CompositionHooks", "FriendlyName=nightly&AudioSources=*&trim=false");

        FailureOf(() => fake.Should().HaveNoUnexpectedCalls()).Should().Be(
            "Expected fake to have made no calls that Twilio would reject or silently ignore, but found 2:\n"
            + "  #1 ReadRecording GET /v1/Recordings: Twilio ignores \"mediaType\" (did you mean \"MediaType\"?), \"GroupingSids\" (did you mean \"GroupingSid\"?)\n"
            + "  #2 CreateCompositionHook POST /v1/CompositionHooks: Twilio ignores \"trim\" (did you mean \"Trim\"?).");
    }

    [Test]
    public async Task HaveNoUnexpectedCalls_reports_unknown_paths_and_bad_credentials()
    {
        await GetRaw("/v1/Room");
        using var stranger = new HttpClient { BaseAddress = new Uri(fake.Url) };
        await stranger.GetAsync("/v1/Rooms");

        FailureOf(() => fake.Should().HaveNoUnexpectedCalls()).Should().Be(
            "Expected fake to have made no calls that Twilio would reject or silently ignore, but found 2:\n"
            + "  #1 Unknown GET /v1/Room: answered 404 (20404 The requested resource /Room was not found)\n"
            + "  #2 ReadRoom GET /v1/Rooms: answered 401 (20003 Authentication Error - No credentials provided).");
    }

    [Test]
    public async Task HaveNoUnexpectedCalls_allows_what_the_app_does_on_purpose()
    {
        await Rejected(() => RoomResource.FetchAsync(pathSid: "standup", client: Twilio));
        await Create("standup");
        await PostForm("/v1/Rooms", "UniqueName=daily&ClientTag=v2");

        fake.Should().HaveNoUnexpectedCalls(allow => allow.Rejection(Operation.FetchRoom, 20404).IgnoredParameter("ClientTag"));
        FailureOf(() => fake.Should().HaveNoUnexpectedCalls(allow => allow.Rejection(Operation.FetchRoom, 20404))).Should().Be(
            "Expected fake to have made no calls that Twilio would reject or silently ignore, but found 1:\n"
            + "  #3 CreateRoom POST /v1/Rooms: Twilio ignores \"ClientTag\".");
    }
}
