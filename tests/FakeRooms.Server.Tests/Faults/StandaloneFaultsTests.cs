using System.Text;
using FakeRooms.Server.Tests.Support;
using Newtonsoft.Json.Linq;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Server.Tests.Faults;

/// <summary>The same fault rules as the in-process tests, set through the standalone server's control API.</summary>
public sealed class StandaloneFaultsTests : ManualClockServerTest
{
    protected override string[] ExtraArguments => ["--seed", "5", "--rate-limit-writes", "20"];

    [Test]
    public async Task Form_rule_rate_limits_the_next_two_creations_thenTwilio_recovers()
    {
        var added = await Post("/__fakerooms/faults", "Operation=CreateRoom&Times=2&Fault=too-many-requests&RetryAfter=1");

        var first = await CreateExpectingError("standup");
        var second = await CreateExpectingError("standup");
        var room = await RoomResource.CreateAsync(uniqueName: "standup", client: Twilio);
        var listed = JObject.Parse(await Control.GetStringAsync("/__fakerooms/faults"));

        added.Value<string>("id").Should().Be("fault-1");
        (first.Code, first.Status, second.Code).Should().Be((20429, 429, 20429));
        Twilio.HttpClient.LastResponse.Headers.RetryAfter.Should().BeNull("the last answer was the successful one");
        room.UniqueName.Should().Be("standup");
        var rule = listed["faults"]![0]!;
        (rule.Value<int>("fired"), rule.Value<bool>("active")).Should().Be((2, false));
        listed["rate_limit"]!.Value<int>("writes_per_second").Should().Be(20);
    }

    [Test]
    public async Task Json_rule_drops_the_connection_and_the_sdk_throws_ApiConnectionException()
    {
        await PostJson("/__fakerooms/faults", """{"operation":"CreateRoom","fault":"drop-connection"}""");

        var act = () => RoomResource.CreateAsync(uniqueName: "dropped", client: Twilio);

        await act.Should().ThrowAsync<ApiConnectionException>();
        var retry = await RoomResource.CreateAsync(uniqueName: "dropped", client: Twilio);
        retry.UniqueName.Should().Be("dropped", "the first attempt never reached the fake's state");
    }

    [Test]
    public async Task Custom_error_rule_for_a_room_is_answered_inTwilios_shape()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "target", client: Twilio);
        await Post("/__fakerooms/faults", "Room=target&Always=true&Fault=error&Status=503&Code=20503&Message=Service+unavailable");

        var act = () => RoomResource.FetchAsync(room.Sid, client: Twilio);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        (error.Code, error.Status, error.Message).Should().Be((20503, 503, "Service unavailable"));
        (await Control.DeleteAsync("/__fakerooms/faults/fault-1")).EnsureSuccessStatusCode();
        (await RoomResource.FetchAsync(room.Sid, client: Twilio)).Sid.Should().Be(room.Sid);
    }

    [Test]
    public async Task Rate_limit_set_over_theControl_api_follows_the_manual_clock()
    {
        await Post("/__fakerooms/rate-limit", "WritesPerSecond=1");
        await RoomResource.CreateAsync(client: Twilio);

        var limited = await CreateExpectingError(null);
        await Post("/__fakerooms/clock/advance", "Seconds=1");
        var admitted = await RoomResource.CreateAsync(client: Twilio);

        (limited.Code, limited.Status).Should().Be((20429, 429));
        Twilio.HttpClient.LastResponse.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        admitted.Sid.Should().StartWith("RM");
    }

    private async Task<ApiException> CreateExpectingError(string? uniqueName)
    {
        var act = () => RoomResource.CreateAsync(uniqueName: uniqueName, client: Twilio);
        return (await act.Should().ThrowAsync<ApiException>()).Which;
    }

    private async Task<JObject> Post(string path, string form)
    {
        using var response = await Control.PostAsync(path, new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return JObject.Parse(text);
    }

    private async Task<JObject> PostJson(string path, string json)
    {
        using var response = await Control.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return JObject.Parse(text);
    }
}
