using FakeRooms.Server.Tests.Support;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Server.Tests;

public sealed class StandaloneServerTests
{
    [Test]
    public async Task Server_started_on_port_0_answers_the_twilio_sdk_and_stops_on_sigterm()
    {
        await using var server = await StandaloneServer.StartAsync("--clock", "manual", "--quiet");
        var client = server.CreateTwilioClient();

        var created = await RoomResource.CreateAsync(uniqueName: "standalone", client: client);
        var fetched = await RoomResource.FetchAsync("standalone", client: client);
        var duplicate = async () => await RoomResource.CreateAsync(uniqueName: "standalone", client: client);

        new Uri(server.Url).Port.Should().BeGreaterThan(0);
        fetched.Sid.Should().Be(created.Sid);
        (await duplicate.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(53113);
        (await server.StopAsync()).Should().Be(0);
        server.Output.Should().Contain("FakeRooms stopped");
    }
}
