using System.Net;
using System.Text;
using System.Xml.Linq;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Server.Tests.Contract;

public sealed class VerifyCommandTests
{
    private static async Task Send(FakeRoomsServer fake, string body, string contentType = "application/x-www-form-urlencoded")
    {
        using var http = new HttpClient(fake.CreateHttpMessageHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://video.twilio.com/v1/Rooms")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));
        using var response = await http.SendAsync(request);
        ((int)response.StatusCode).Should().BeLessThan(500);
    }

    [Test]
    public async Task Verify_prints_each_finding_writes_junit_and_exits_1()
    {
        await using var fake = await FakeRoomsServer.StartAsync();
        await Send(fake, "UniqueNmae=standup");
        await Send(fake, "{\"UniqueName\":\"standup\"}", "application/json");
        await Send(fake, "Type=Group");
        var junit = Path.Combine(Path.GetTempPath(), $"fakerooms-verify-{Guid.NewGuid():N}.xml");
        var stdout = new StringWriter();

        var exit = await ServerCommand.RunAsync(["verify", "--url", fake.Url, "--junit", junit], stdout, new StringWriter());

        exit.Should().Be(1);
        var lines = stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Equal(
            "#1 POST /v1/Rooms -> 201: UniqueNmae [unknown-parameter] 'UniqueNmae' is not a parameter of CreateRoom and Twilio ignores it; did you mean 'UniqueName'?",
            "#2 POST /v1/Rooms -> 201: (body) [content-type] Twilio reads only application/x-www-form-urlencoded bodies; this application/json; charset=utf-8 body was ignored (a JSON body to POST /v1/Rooms creates a room with every default)",
            "#3 POST /v1/Rooms -> 400: Type [enum-case] Type='Group': Twilio's enum values are case-sensitive; use 'group'",
            "3 contract finding(s) in 3 call(s) checked");
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        suite.Attribute("tests")!.Value.Should().Be("3");
        suite.Attribute("failures")!.Value.Should().Be("3");
        suite.Elements("testcase").First().Element("failure")!.Attribute("message")!.Value.Should().Contain("did you mean 'UniqueName'");
        File.Delete(junit);
    }

    [Test]
    public async Task Verify_of_a_clean_suite_exits_0_and_ignore_leaves_codes_out()
    {
        await using var fake = await FakeRoomsServer.StartAsync();
        var client = fake.CreateTwilioClient();
        await RoomResource.CreateAsync(uniqueName: "clean", client: client);
        var duplicate = () => RoomResource.CreateAsync(uniqueName: "clean", client: client);
        await duplicate.Should().ThrowAsync<Twilio.Exceptions.ApiException>();
        var stdout = new StringWriter();

        var strict = await ServerCommand.RunAsync(["verify", "--url", fake.Url], new StringWriter(), new StringWriter());
        var ignoring = await ServerCommand.RunAsync(["verify", "--url", fake.Url, "--ignore", "53113"], stdout, new StringWriter());

        strict.Should().Be(1);
        ignoring.Should().Be(0);
        stdout.ToString().Trim().Should().Be("0 contract finding(s) in 2 call(s) checked");
    }

    [Test]
    public async Task Verify_of_an_unreachable_url_exits_2()
    {
        var stderr = new StringWriter();

        var exit = await ServerCommand.RunAsync(["verify", "--url", "http://127.0.0.1:9"], new StringWriter(), stderr);

        exit.Should().Be(2);
        stderr.ToString().Should().StartWith("fakerooms verify: cannot read http://127.0.0.1:9/__fakerooms/contract");
    }
}
