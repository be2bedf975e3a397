using System.Net;
using System.Text;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Robustness;

/// <summary>
/// Issue 14, item 9: the control API's own inputs. Before the fixes: wrongly typed JSON in a state or a fixture
/// answered 500 (a cast exception), a state claiming 10^12 SID draws spun a core for hours, a state of 1,500 rooms
/// could not be put back (413), a raw-body fault with CR/LF in its content type or a 1xx status was accepted and
/// broke the next answer, and reset ignored AccountSid in the query and accepted any value.
/// </summary>
public sealed class ControlInputTests : FakeRoomsTest
{
    protected override void Configure(FakeRoomsOptions options) => options.AuthMode = AuthMode.AnyAccount;

    private const string Other = "AC" + "22222222222222222222222222222222";

    [TestCase("""{"format":{},"time":"2026-01-05T09:00:00Z","accounts":[]}""", "format: expected a string")]
    [TestCase("""{"format":"fakerooms-state/1","time":"2026-01-05T09:00:00Z","accounts":[{"account_sid":"AC00000000000000000000000000000000","sequence":99999999999999999999}]}""", "accounts[0].sequence: out of range")]
    public async Task State_with_wrongly_typed_json_returns_400_20001_not_500(string state, string message)
    {
        var answer = await PutState(state);

        answer.ShouldBeTwilioError(400, 20001, "Invalid state: " + message);
    }

    [TestCase("""{"all":{}}""")]
    [TestCase("""{"all":"yes"}""")]
    [TestCase("""{"kind":[]}""")]
    public async Task State_with_a_recording_rule_of_the_wrong_type_returns_400_20001(string rule)
    {
        var room = (await CreateRoom("UniqueName=ruled"))["sid"]!.ToString();
        var state = JObject.Parse((await Get("/__fakerooms/state")).Text);
        var json = (JObject)state["accounts"]![0]!["rooms"]![0]!;
        json["sid"]!.ToString().Should().Be(room);
        var parsed = JObject.Parse(rule);
        parsed["type"] = "include";
        json["recording_rules"] = new JArray(parsed);

        var answer = await PutState(state.ToString());

        answer.ShouldBeTwilioError(400, 20001);
        answer.Json.Value<string>("message").Should().StartWith("Invalid state: accounts[0].rooms[0].recording_rules[0].");
        Fake.Rooms.Find(room).Should().NotBeNull("a refused state changes nothing");
    }

    [Test]
    public async Task State_with_a_huge_sid_draw_count_restores_at_once_and_the_next_sids_are_reproducible()
    {
        var state = $$"""{"format":"fakerooms-state/1","time":"2026-01-05T09:00:00Z","accounts":[{"account_sid":"{{Fake.AccountSid}}","sid_draws":1000000000000}]}""";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // Replayed one draw at a time this took hours; the timeout only keeps a regression from hanging the run.
        var first = await PutState(state, timeout.Token);
        var a = (await CreateRoom())["sid"]!.ToString();
        var second = await PutState(state, timeout.Token);
        var b = (await CreateRoom())["sid"]!.ToString();

        first.Status.Should().Be(HttpStatusCode.OK, first.Text);
        second.Status.Should().Be(HttpStatusCode.OK, second.Text);
        b.Should().Be(a, "the same state restores to the same SIDs");
        JObject.Parse((await Get("/__fakerooms/state")).Text)["accounts"]![0]!.Value<long>("sid_draws").Should().Be(1_000_000_000_001);
    }

    [Test]
    public async Task A_state_of_1500_rooms_as_get_gives_it_can_be_put_back()
    {
        for (var i = 0; i < 1_500; i++)
            Fake.Rooms.Create(new NewRoom { UniqueName = $"room-{i:D4}-" + new string('x', 100) });
        var state = (await Get("/__fakerooms/state")).Text;
        Encoding.UTF8.GetByteCount(state).Should().BeGreaterThan(Fake.Options.MaxRequestBodyBytes, "the state is past the default body limit");
        Fake.Reset();

        var answer = await PutState(state);

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        answer.Json.Value<int>("rooms").Should().Be(1_500);
        Fake.Rooms.All.Should().HaveCount(1_500);
    }

    [Test]
    public async Task Other_control_routes_keep_the_default_body_limit()
    {
        var answer = await PostForm("/__fakerooms/fixture", "{\"rooms\":[],\"description\":\"" + new string('x', Fake.Options.MaxRequestBodyBytes) + "\"}");

        answer.ShouldBeTwilioError(413, 20413);
    }

    [TestCase("""{"rooms":[{"UniqueName":{"a":1},"MaxParticipants":-1}]}""")]
    [TestCase("""{"rooms":[{"UniqueName":[1,{"a":1}],"Type":"nope"}]}""")]
    [TestCase("""{"rooms":[{"UniqueName":"big","MaxParticipants":99999999999999999999}]}""")]
    [TestCase("""{"rooms":[{"UniqueName":"acct","AccountSid":"not-an-account"}]}""")]
    public async Task Fixture_with_wrongly_typed_json_returns_400_20001_not_500(string fixture)
    {
        var answer = await PostJson("/__fakerooms/fixture", fixture);

        answer.ShouldBeTwilioError(400, 20001);
        answer.Json.Value<string>("message").Should().StartWith("Invalid fixture: rooms[0]");
        Fake.Rooms.All.Should().BeEmpty();
    }

    [TestCase("Fault=raw-body&Status=200&ContentType=text%2Fhtml%0D%0AX-Injected%3A%201", "Invalid ContentType")]
    [TestCase("Fault=raw-body&Status=200&ContentType=text%2Fhtml%0Ax", "Invalid ContentType")]
    [TestCase("Fault=raw-body&Status=200&ContentType=text%00html", "Invalid ContentType")]
    [TestCase("Fault=raw-body&Status=200&ContentType=t%C3%A9xt%2Fhtml", "Invalid ContentType")]
    [TestCase("Fault=raw-body&Status=100&Body=x", "Status out of range")]
    [TestCase("Fault=raw-body&Status=199", "Status out of range")]
    [TestCase("Fault=raw-body&Status=204&Body=x", "Status 204 has no body")]
    [TestCase("Fault=raw-body&Status=304&Body=x", "Status 304 has no body")]
    public async Task Raw_body_faults_that_would_break_the_next_answer_are_refused(string form, string refusal)
    {
        var answer = await PostForm("/__fakerooms/faults", form);

        answer.ShouldBeTwilioError(400, 20001);
        answer.Json.Value<string>("message").Should().Contain(refusal.Split(' ')[0]);
        Fake.Faults.Rules.Should().BeEmpty();
        (await Get("/v1/Rooms")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Raw_body_fault_with_a_json_content_type_given_as_json_with_a_newline_is_refused()
    {
        var answer = await PostJson("/__fakerooms/faults", """{"Fault":"raw-body","Status":502,"ContentType":"text/html\r\nX: 1"}""");

        answer.ShouldBeTwilioError(400, 20001);
        Fake.Faults.Rules.Should().BeEmpty();
    }

    [Test]
    public async Task A_valid_raw_body_fault_is_still_answered_as_set()
    {
        (await PostForm("/__fakerooms/faults", "Fault=raw-body&Status=502&ContentType=text%2Fhtml%3B%20charset%3Dutf-8&Body=%3Ch1%3Ebad%3C%2Fh1%3E")).Status
            .Should().Be(HttpStatusCode.Created);

        var answer = await Get("/v1/Rooms");

        ((int)answer.Status).Should().Be(502);
        answer.Text.Should().Be("<h1>bad</h1>");
    }

    [Test]
    public async Task Reset_with_account_sid_in_the_query_resets_only_that_account()
    {
        var other = Fake.ForAccount(Other, "token");
        other.Rooms.Create(new NewRoom { UniqueName = "theirs" });
        Fake.Rooms.Create(new NewRoom { UniqueName = "mine" });

        var answer = await PostForm($"/__fakerooms/reset?AccountSid={Other}", "");

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        other.Rooms.All.Should().BeEmpty();
        Fake.Rooms.All.Should().ContainSingle().Which.UniqueName.Should().Be("mine");
    }

    [TestCase("?AccountSid=nope")]
    [TestCase("?AccountSid=AC123")]
    [TestCase("?AccountSid=RM22222222222222222222222222222222")]
    public async Task Reset_with_an_invalid_account_sid_returns_400_20001_and_resets_nothing(string query)
    {
        Fake.Rooms.Create(new NewRoom { UniqueName = "kept" });

        var answer = await PostForm("/__fakerooms/reset" + query, "");

        answer.ShouldBeTwilioError(400, 20001, $"Invalid AccountSid: '{query["?AccountSid=".Length..]}'");
        Fake.Rooms.All.Should().ContainSingle();
    }

    [Test]
    public async Task Reset_with_an_invalid_account_sid_in_the_form_returns_400_too()
    {
        Fake.Rooms.Create(new NewRoom { UniqueName = "kept" });

        var answer = await PostForm("/__fakerooms/reset", "AccountSid=nope");

        answer.ShouldBeTwilioError(400, 20001, "Invalid AccountSid: 'nope'");
        Fake.Rooms.All.Should().ContainSingle();
    }

    [Test]
    public async Task Reset_of_an_account_the_fake_does_not_know_returns_404_20404()
    {
        Fake.Rooms.Create(new NewRoom { UniqueName = "kept" });

        var answer = await PostForm("/__fakerooms/reset", "AccountSid=AC99999999999999999999999999999999");

        answer.ShouldBeTwilioError(404, 20404, "The requested resource /Accounts/AC99999999999999999999999999999999 was not found");
        Fake.Rooms.All.Should().ContainSingle();
    }

    [Test]
    public async Task Reset_of_the_default_account_by_query_leaves_other_accounts()
    {
        var other = Fake.ForAccount(Other, "token");
        other.Rooms.Create(new NewRoom { UniqueName = "theirs" });
        Fake.Rooms.Create(new NewRoom { UniqueName = "mine" });

        var answer = await PostForm($"/__fakerooms/reset?AccountSid={Fake.AccountSid}", "");

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        Fake.Rooms.All.Should().BeEmpty();
        other.Rooms.All.Should().ContainSingle();
    }

    private async Task<Answer> PutState(string json, CancellationToken cancel = default)
    {
        using var response = await Http.PutAsync("/__fakerooms/state", new StringContent(json, Encoding.UTF8, "application/json"), cancel);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(cancel), response.Headers, response.Content.Headers.ContentType?.MediaType);
    }

    private Task<Answer> PostJson(string path, string json) =>
        Send(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
}
