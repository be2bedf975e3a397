using FakeRooms.Server.Tests.Support;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace FakeRooms.Server.Tests;

/// <summary>--mappings: WireMock JSON mapping files answer Twilio APIs other than Video on the standalone server.</summary>
public sealed class MappingsFlagTests
{
    private string _dir = null!;

    [SetUp]
    public void MakeDirectory()
    {
        _dir = Path.Combine(Path.GetTempPath(), "fakerooms-mappings-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task A_mapping_file_answers_an_sms_and_survives_a_reset()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "messages.json"), """
            {
              "Request": {
                "Path": { "Matchers": [ { "Name": "WildcardMatcher", "Pattern": "/2010-04-01/Accounts/*/Messages.json" } ] },
                "Methods": [ "POST" ]
              },
              "Response": {
                "StatusCode": 201,
                "Headers": { "Content-Type": "application/json" },
                "Body": "{\"sid\": \"SMfeedfacefeedfacefeedfacefeedface\", \"status\": \"queued\"}"
              }
            }
            """);
        await using var server = await StandaloneServer.StartAsync("--mappings", _dir, "--quiet");
        var twilio = server.CreateTwilioClient();

        var message = await MessageResource.CreateAsync(to: new PhoneNumber("+15558675310"), from: new PhoneNumber("+15017122661"), body: "hi", client: twilio);
        using var http = new HttpClient();
        (await http.PostAsync(server.Url + "/__fakerooms/reset", null)).EnsureSuccessStatusCode();
        var again = await MessageResource.CreateAsync(to: new PhoneNumber("+15558675310"), from: new PhoneNumber("+15017122661"), body: "hi", client: twilio);

        message.Sid.Should().Be("SMfeedfacefeedfacefeedfacefeedface");
        again.Sid.Should().Be(message.Sid, "mapping files are the server's configuration, kept by a reset");
        server.Output.Should().Contain($"Loaded 1 WireMock mapping file(s) from {_dir}");
    }

    [Test]
    public async Task Without_a_mapping_an_sms_gets_twilios_404_naming_the_host()
    {
        await using var server = await StandaloneServer.StartAsync("--quiet");

        var act = () => MessageResource.CreateAsync(to: new PhoneNumber("+15558675310"), from: new PhoneNumber("+15017122661"), body: "hi",
            client: server.CreateTwilioClient());

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        (error.Code, error.Status).Should().Be((20404, 404));
        error.Message.Should().Contain("api.twilio.com").And.Contain("FakeRooms serves Twilio Video");
    }

    [Test]
    public async Task A_missing_mappings_folder_stops_the_start_with_exit_code_1_and_the_reason()
    {
        var missing = Path.Combine(_dir, "nope");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ServerCommand.RunAsync(["--port", "0", "--mappings", missing, "--quiet"], stdout, stderr);

        exit.Should().Be(1);
        stderr.ToString().Should().Contain($"fakerooms: cannot load --mappings {missing}:");
    }

    [Test]
    public async Task A_mapping_file_that_is_not_json_stops_the_start_with_exit_code_1_naming_the_file()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "broken.json"), "{ \"Request\": ");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ServerCommand.RunAsync(["--port", "0", "--mappings", _dir, "--quiet"], stdout, stderr);

        exit.Should().Be(1);
        stderr.ToString().Should().Contain($"fakerooms: cannot load --mappings {_dir}: broken.json is not a WireMock mapping");
    }
}
