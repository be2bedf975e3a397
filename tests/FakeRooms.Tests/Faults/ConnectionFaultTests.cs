using FakeRooms.Tests.Support;
using Newtonsoft.Json;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Faults;

public sealed class ConnectionFaultTests : FakeRoomsTest
{
    [Test]
    public async Task Dropped_connection_throws_ApiConnectionException_and_creates_no_room()
    {
        await RoomResource.CreateAsync(uniqueName: "warm-up", client: Twilio); // the next call reuses the connection
        var rule = Fake.Faults.On(TwilioOperation.CreateRoom).Next().DropConnection();

        var act = () => RoomResource.CreateAsync(uniqueName: "dropped", client: Twilio);

        await act.Should().ThrowAsync<ApiConnectionException>();
        rule.Fired.Should().Be(1);
        Fake.Rooms.Find("dropped").Should().BeNull();
        var call = Fake.Calls.Of(Operation.CreateRoom)[^1];
        call.StatusCode.Should().Be(0);
        call.InjectedFault.Should().Be("fault-1: dropped connection, request not processed");
    }

    [Test]
    public async Task Connection_dropped_after_processing_throws_ApiConnectionException_but_the_room_exists()
    {
        Fake.Faults.On(TwilioOperation.CreateRoom).Once().DropConnectionAfterProcessing();

        var act = () => RoomResource.CreateAsync(uniqueName: "half-done", client: Twilio);

        await act.Should().ThrowAsync<ApiConnectionException>();
        Fake.Rooms.Find("half-done").Should().NotBeNull();
        var retry = () => RoomResource.CreateAsync(uniqueName: "half-done", client: Twilio);
        var error = (await retry.Should().ThrowAsync<ApiException>()).Which;
        (error.Code, error.Status).Should().Be((53113, 400));
        Fake.Calls.Of(Operation.CreateRoom).Select(c => (c.StatusCode, c.InjectedFault is not null))
            .Should().Equal((201, true), (400, false));
    }

    [Test]
    public async Task Truncated_body_throws_ApiException_wrapping_the_json_error_and_the_room_exists()
    {
        Fake.Faults.On(TwilioOperation.CreateRoom).Once().RespondWithTruncatedBody();

        var act = () => RoomResource.CreateAsync(uniqueName: "cut", client: Twilio);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.InnerException.Should().BeAssignableTo<JsonException>();
        (error.Code, error.Status).Should().Be((0, 0));
        Fake.Rooms.Find("cut").Should().NotBeNull();
        Fake.Calls.Of(Operation.CreateRoom)[^1].InjectedFault.Should().Be("fault-1: body truncated halfway");
    }

    [Test]
    public async Task Raw_html_gateway_page_throws_ApiException_with_code_0()
    {
        Fake.Faults.On(TwilioOperation.FetchRoom).Once().RespondWithRawBody(502, "<html><body>502 Bad Gateway</body></html>");
        var room = await RoomResource.CreateAsync(uniqueName: "behind-proxy", client: Twilio);

        var act = () => RoomResource.FetchAsync(room.Sid, client: Twilio);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Code.Should().Be(0);
        error.Message.Should().Contain("502 Bad Gateway");
        var raw = await Get($"/v1/Rooms/{room.Sid}");
        raw.Status.Should().Be(System.Net.HttpStatusCode.OK, "the rule fired once, then the fake answers normally");
    }

    [Test]
    public async Task Delay_answers_normally_and_the_journal_marks_the_delay()
    {
        var rule = Fake.Faults.On(TwilioOperation.CreateRoom).Once().Delay(TimeSpan.FromMilliseconds(20));

        var room = await RoomResource.CreateAsync(uniqueName: "slow", client: Twilio);

        room.UniqueName.Should().Be("slow");
        rule.Fired.Should().Be(1);
        var call = Fake.Calls.Of(Operation.CreateRoom)[^1];
        (call.StatusCode, call.InjectedFault).Should().Be((201, "fault-1: answer delayed 20 ms"));
    }

    [Test]
    public async Task Delay_past_the_client_timeout_throws_ApiConnectionException_although_the_room_was_created()
    {
        using var http = new System.Net.Http.HttpClient(Fake.CreateHttpMessageHandler()) { Timeout = TimeSpan.FromSeconds(1) };
        var impatient = new TwilioRestClient(Fake.AccountSid, Fake.AuthToken, httpClient: new SystemNetHttpClient(http));
        await RoomResource.CreateAsync(uniqueName: "warm-up", client: impatient);
        Fake.Faults.On(TwilioOperation.CreateRoom).Once().Delay(FaultResponderMax);

        var act = () => RoomResource.CreateAsync(uniqueName: "timed-out", client: impatient);

        var error = (await act.Should().ThrowAsync<ApiConnectionException>()).Which;
        error.InnerException.Should().BeAssignableTo<OperationCanceledException>("HttpClient.Timeout cancelled the request");
        Fake.Rooms.Find("timed-out").Should().NotBeNull("the fake processed the request before holding its answer back");
    }

    private static readonly TimeSpan FaultResponderMax = FakeRooms.Faults.FaultResponder.MaxDelay;
}
