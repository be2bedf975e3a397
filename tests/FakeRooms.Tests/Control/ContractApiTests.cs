using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FakeRooms.Http.Catalogue;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Control;

public sealed class ContractApiTests : FakeRoomsTest
{
    private async Task<List<JObject>> Findings(string query = "")
    {
        var report = await Get("/__fakerooms/contract" + query);
        report.Status.Should().Be(HttpStatusCode.OK, report.Text);
        return report.Json["findings"]!.Cast<JObject>().ToList();
    }

    [Test]
    public async Task Calls_that_follow_the_contract_give_no_findings()
    {
        var sid = (await CreateRoom("UniqueName=clean&Type=group&MaxParticipants=10&VideoCodecs=VP8&VideoCodecs=H264&AudioOnly=false")).Value<string>("sid");
        await Get("/v1/Rooms?Status=completed&PageSize=10");
        (await PostForm($"/v1/Rooms/{sid}", "Status=completed")).Status.Should().Be(HttpStatusCode.Accepted);

        var report = (await Get("/__fakerooms/contract")).Json;

        report.Value<int>("calls_checked").Should().Be(3);
        report.Value<int>("count").Should().Be(0);
    }

    [Test]
    public async Task Misspelled_and_wrong_case_parameters_are_findings_with_the_nearest_name()
    {
        await CreateRoom("UniqueNmae=a&uniqueName=b&max_participants=5&Colour=blue");
        await Get("/v1/Rooms?status=completed");

        var findings = await Findings();

        findings.Select(f => (f.Value<string>("parameter"), f.Value<string>("rule"), f.Value<string>("suggestion"))).Should().Equal(
            ("UniqueNmae", "unknown-parameter", "UniqueName"),
            ("uniqueName", "parameter-case", "UniqueName"),
            ("max_participants", "parameter-case", "MaxParticipants"),
            ("Colour", "unknown-parameter", null),
            ("status", "parameter-case", "Status"));
        findings[0].Value<string>("message").Should().Be("'UniqueNmae' is not a parameter of CreateRoom and Twilio ignores it; did you mean 'UniqueName'?");
        findings[0].Value<string>("location").Should().Be("form");
        findings[0].Value<string>("value").Should().Be("a");
        findings[0]["call"]!.Value<string>("operation").Should().Be("CreateRoom");
        findings[4].Value<string>("location").Should().Be("query");
    }

    [Test]
    public async Task Every_operation_of_the_catalogue_is_checked_for_unknown_parameters()
    {
        foreach (var operation in OperationCatalog.All)
        {
            var path = Regex.Replace(operation.Path, "{[^}]+}", "XX00");
            using var request = operation.Location == ParameterLocation.Form
                ? new HttpRequestMessage(new HttpMethod(operation.Method), path) { Content = new FormUrlEncodedContent([new("Bogus", "1")]) }
                : new HttpRequestMessage(new HttpMethod(operation.Method), path + "?Bogus=1");
            await Send(request);
        }

        var findings = await Findings("?Ignore=error-response");

        Fake.Calls.Select(c => c.Operation).Should().Equal(OperationCatalog.All.Select(o => o.Operation));
        findings.Select(f => (f["call"]!.Value<string>("operation"), f.Value<string>("parameter"), f.Value<string>("rule"), f.Value<string>("location")))
            .Should().Equal(OperationCatalog.All.Select(o => ((string?, string?, string?, string?))
                (o.Operation.ToString(), "Bogus", "unknown-parameter", o.Location == ParameterLocation.Form ? "form" : "query")));
    }

    [Test]
    public async Task A_json_body_is_a_content_type_finding()
    {
        var created = await Send(new HttpRequestMessage(HttpMethod.Post, "/v1/Rooms")
        {
            Content = new StringContent("{\"UniqueName\":\"json\"}", Encoding.UTF8, "application/json"),
        });

        var findings = await Findings();

        created.Status.Should().Be(HttpStatusCode.Created, "Twilio ignores a JSON body and creates a default room");
        findings.Should().ContainSingle();
        findings[0].Value<string>("rule").Should().Be("content-type");
        findings[0].Value<string>("parameter").Should().Be("(body)");
        findings[0].Value<string>("value").Should().StartWith("application/json");
    }

    [Test]
    public async Task Wrong_case_enum_value_is_an_enum_case_finding_with_53108()
    {
        (await PostForm("/v1/Rooms", "Type=Group")).ShouldBeTwilioError(400, 53108, "RoomType is not valid");
        (await PostForm("/v1/Rooms", "StatusCallbackMethod=post")).ShouldBeTwilioError(400, 53110);
        (await PostForm("/v1/Rooms", "Type=huge")).ShouldBeTwilioError(400, 53108);

        var findings = await Findings();

        findings.Select(f => (f.Value<string>("parameter"), f.Value<string>("rule"), f.Value<string>("suggestion"), f.Value<int?>("twilio_code")))
            .Should().Equal(("Type", "enum-case", "group", 53108), ("StatusCallbackMethod", "enum-case", "POST", 53110), ("Type", "enum-value", null, 53108));
        findings[0].Value<string>("message").Should().Be("Type='Group': Twilio's enum values are case-sensitive; use 'group'");
    }

    [Test]
    public async Task Missing_credentials_and_other_4xx_answers_are_findings()
    {
        using var anonymous = NewHttpClient(null, null);
        await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms"), anonymous);
        await CreateRoom("UniqueName=twice");
        (await PostForm("/v1/Rooms", "UniqueName=twice")).ShouldBeTwilioError(400, 53113);
        (await PostForm("/v1/Rooms", "MaxParticipants=lots")).ShouldBeTwilioError(400, 20001);
        (await PostForm("/v1/Rooms", "EmptyRoomTimeout=0")).ShouldBeTwilioError(400, 53109);
        (await Get("/v1/Nowhere")).ShouldBeTwilioError(404, 20404);

        var findings = await Findings();

        findings.Select(f => (f.Value<string>("parameter"), f.Value<string>("rule"), f.Value<int?>("twilio_code"))).Should().Equal(
            ("(credentials)", "auth", 20003),
            ("UniqueName", "error-response", 53113),
            ("MaxParticipants", "type", 20001),
            ("EmptyRoomTimeout/UnusedRoomTimeout", "error-response", 53109),
            ("(path)", "unknown-endpoint", 20404));
        findings[1].Value<string>("message").Should().Be("the fake answered 400 53113 'Room exists'; real Twilio rejects this call too");
    }

    [Test]
    public async Task Ignore_leaves_out_codes_and_rules()
    {
        await CreateRoom("UniqueName=twice&Colour=blue");
        (await PostForm("/v1/Rooms", "UniqueName=twice")).ShouldBeTwilioError(400, 53113);

        var all = await Findings();
        var filtered = await Findings("?Ignore=53113,unknown-parameter");

        all.Should().HaveCount(2);
        filtered.Should().BeEmpty();
    }
}

public sealed class SchemaProfileContractTests : FakeRoomsTest
{
    protected override void Configure(FakeRoomsOptions options) => options.Validation = ValidationProfile.Schema;

    [Test]
    public async Task Create_accepted_under_schema_profile_but_refused_by_twilio_is_a_twilio_rule_finding_53107()
    {
        await CreateRoom("Type=go&MaxParticipants=42");

        var report = (await Get("/__fakerooms/contract")).Json;

        var finding = report["findings"]!.Cast<JObject>().Should().ContainSingle().Which;
        finding.Value<string>("rule").Should().Be("twilio-rule");
        finding.Value<string>("parameter").Should().Be("MaxParticipants");
        finding.Value<int>("twilio_code").Should().Be(53107);
        finding.Value<string>("message").Should().StartWith("Twilio answers 400 53107 'MaxParticipants is out of range'");
    }
}
