using System.Net;
using System.Text;
using FakeRooms.Tests.Support;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Faults;

public sealed class FaultsControlApiTests : FakeRoomsTest
{
    [Test]
    public async Task Form_rule_returns_201_with_its_id_and_fires_on_sdk_calls()
    {
        var added = await PostForm("/__fakerooms/faults", "Operation=CreateRoom&Times=2&Fault=too-many-requests&RetryAfter=1");

        var error = async () => await RoomResource.CreateAsync(uniqueName: "x", client: Twilio);
        var first = (await error.Should().ThrowAsync<ApiException>()).Which;
        var listed = await Get("/__fakerooms/faults");

        added.Status.Should().Be(HttpStatusCode.Created);
        added.Json.Value<string>("id").Should().Be("fault-1");
        added.Json.Value<string>("fault").Should().Be("too-many-requests");
        (first.Code, first.Status).Should().Be((20429, 429));
        var rule = listed.Json["faults"]![0]!;
        (rule.Value<int>("fired"), rule.Value<int>("remaining"), rule.Value<bool>("active")).Should().Be((1, 1, true));
        rule.Value<string>("description").Should().Be("fault-1: CreateRoom, next 2 calls: 429 20429 Too Many Requests, Retry-After 1");
    }

    [Test]
    public async Task Json_rule_with_snake_case_fields_is_the_same_rule()
    {
        var added = await PostJson("/__fakerooms/faults",
            """{"operation":["FetchRoom","UpdateRoom"],"always":true,"fault":"error","status":400,"code":53103,"message":"Unable to create Room","delay_ms":5}""");

        var room = await RoomResource.CreateAsync(uniqueName: "json", client: Twilio);
        var fetch = await Get($"/v1/Rooms/{room.Sid}");

        added.Status.Should().Be(HttpStatusCode.Created, added.Text);
        added.Json["operations"]!.Values<string>().Should().Equal("FetchRoom", "UpdateRoom");
        added.Json.Value<int>("delay_ms").Should().Be(5);
        fetch.ShouldBeTwilioError(400, 53103, "Unable to create Room");
    }

    [Test]
    public async Task Rule_without_frequency_fires_once()
    {
        await PostForm("/__fakerooms/faults", "Fault=internal-server-error");

        var first = await Get("/v1/Rooms");
        var second = await Get("/v1/Rooms");

        first.ShouldBeTwilioError(500, 20500, "Internal Server Error");
        second.Status.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Room_and_probability_fields_build_the_same_rule_as_the_fluent_api()
    {
        var added = await PostForm("/__fakerooms/faults", "Room=standup&Probability=0.25&Seed=5&Fault=drop-connection");

        var rule = Fake.Faults.Rules.Should().ContainSingle().Which;
        rule.Description.Should().Be("fault-1: any operation, room standup, probability 0.25 (seed 5): dropped connection, request not processed");
        added.Json.Value<double>("probability").Should().Be(0.25);
        added.Json.Value<string>("room").Should().Be("standup");
    }

    [Test]
    public async Task Delete_by_id_removes_one_rule_and_delete_all_clears()
    {
        await PostForm("/__fakerooms/faults", "Fault=internal-server-error&Always=true");
        await PostForm("/__fakerooms/faults", "Fault=service-unavailable&Always=true");

        var one = await Send(new HttpRequestMessage(HttpMethod.Delete, "/__fakerooms/faults/fault-1"));
        var afterOne = Fake.Faults.Rules.Select(r => r.Id).ToList();
        var all = await Send(new HttpRequestMessage(HttpMethod.Delete, "/__fakerooms/faults"));
        var missing = await Send(new HttpRequestMessage(HttpMethod.Delete, "/__fakerooms/faults/fault-9"));

        one.Json.Value<int>("deleted").Should().Be(1);
        afterOne.Should().Equal("fault-2");
        all.Json.Value<int>("deleted").Should().Be(1);
        Fake.Faults.Rules.Should().BeEmpty();
        missing.ShouldBeTwilioError(404, 20404, "The requested resource /__fakerooms/faults/fault-9 was not found");
    }

    [TestCase("Times=1", 400, 20001, "Missing required parameter Fault in the post body")]
    [TestCase("Fault=explode", 400, 20001, "Invalid Fault: 'explode'")]
    [TestCase("Fault=delay", 400, 20001, "Missing required parameter DelayMs in the post body")]
    [TestCase("Fault=error&Status=400&Code=1", 400, 20001, "Missing required parameter Message in the post body")]
    [TestCase("Fault=error&Status=200&Code=1&Message=x", 400, 20001, "Status is out of range: '200' (allowed: 400 to 599)")]
    [TestCase("Fault=drop-connection&Times=0", 400, 20001, "Times is out of range: '0' (allowed: 1 to 1000000)")]
    [TestCase("Fault=drop-connection&Times=2&Always=true", 400, 20001, "Give only one of Times, Always and Probability")]
    [TestCase("Fault=drop-connection&Probability=2", 400, 20001, "Probability is out of range: '2' (allowed: 0 to 1)")]
    [TestCase("Fault=drop-connection&Operation=Control", 400, 20001, "Invalid Operation: 'Control'")]
    [TestCase("Fault=drop-connection&Operation=1", 400, 20001, "Invalid Operation: '1'")]
    [TestCase("Fault=drop-connection&Colour=red", 400, 20001, null)]
    [TestCase("Fault=delay&DelayMs=600001", 400, 20001, "DelayMs is out of range: '600001' (allowed: 0 to 600000)")]
    public async Task Bad_rule_returns_400_20001_and_adds_nothing(string form, int status, int code, string? message)
    {
        var answer = await PostForm("/__fakerooms/faults", form);

        answer.ShouldBeTwilioError(status, code, message);
        Fake.Faults.Rules.Should().BeEmpty();
    }

    [TestCase("{\"fault\":")]
    [TestCase("{\"fault\":{\"kind\":\"drop\"}}")]
    public async Task Bad_json_returns_400_20001(string json)
    {
        var answer = await PostJson("/__fakerooms/faults", json);

        answer.ShouldBeTwilioError(400, 20001);
        Fake.Faults.Rules.Should().BeEmpty();
    }

    [Test]
    public async Task Rate_limit_endpoint_sets_and_shows_the_limits()
    {
        var set = await PostForm("/__fakerooms/rate-limit", "WritesPerSecond=1");
        await RoomResource.CreateAsync(client: Twilio);
        var second = async () => await RoomResource.CreateAsync(client: Twilio);
        var error = (await second.Should().ThrowAsync<ApiException>()).Which;
        var off = await PostForm("/__fakerooms/rate-limit", "WritesPerSecond=off");
        var bad = await PostForm("/__fakerooms/rate-limit", "ReadsPerSecond=0");

        set.Json.Value<int>("writes_per_second").Should().Be(1);
        set.Json["reads_per_second"]!.Type.Should().Be(Newtonsoft.Json.Linq.JTokenType.Null);
        (error.Code, error.Status).Should().Be((20429, 429));
        off.Json["writes_per_second"]!.Type.Should().Be(Newtonsoft.Json.Linq.JTokenType.Null);
        bad.ShouldBeTwilioError(400, 20001, "ReadsPerSecond is out of range: '0' (allowed: 1 to 1000000)");
    }

    private Task<Answer> PostJson(string path, string json) =>
        Send(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
}
