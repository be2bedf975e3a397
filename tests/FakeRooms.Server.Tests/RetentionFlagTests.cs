using FakeRooms.Server.Tests.Support;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Server.Tests;

/// <summary><c>--max-completed-rooms</c> / <c>FAKEROOMS_MAX_COMPLETED_ROOMS</c>: ended rooms kept per account.</summary>
public sealed class RetentionFlagTests
{
    private static FakeRoomsOptions Configured(params (string Name, string Value)[] values)
    {
        var options = new FakeRoomsOptions();
        ServerConfiguration.Configure(options, values.ToDictionary(v => v.Name, v => v.Value));
        return options;
    }

    [Test]
    public void Flag_sets_the_limit_off_keeps_every_room_and_the_default_is_fifty_thousand()
    {
        Configured().MaxCompletedRoomsPerAccount.Should().Be(50_000);
        Configured(("--max-completed-rooms", "3")).MaxCompletedRoomsPerAccount.Should().Be(3);
        Configured(("--max-completed-rooms", "0")).MaxCompletedRoomsPerAccount.Should().Be(0);
        Configured(("--max-completed-rooms", "off")).MaxCompletedRoomsPerAccount.Should().BeNull();
    }

    [TestCase("-1")]
    [TestCase("many")]
    public void Flag_with_a_bad_value_is_refused_naming_the_flag(string value)
    {
        var configure = () => Configured(("--max-completed-rooms", value));

        configure.Should().Throw<InvalidFlagException>().WithMessage($"--max-completed-rooms must be a whole number*not '{value}'*");
    }

    [Test]
    public async Task Environment_variable_bounds_the_standalone_server_and_a_forgotten_room_answers_404_20404()
    {
        await using var server = await StandaloneServer.StartAsync(new Dictionary<string, string>
        {
            ["FAKEROOMS_MAX_COMPLETED_ROOMS"] = "1",
            ["FAKEROOMS_CLOCK"] = "manual",
            ["FAKEROOMS_QUIET"] = "1",
        });
        var client = server.CreateTwilioClient();
        var first = await RoomResource.CreateAsync(uniqueName: "first", client: client);
        var second = await RoomResource.CreateAsync(uniqueName: "second", client: client);
        await RoomResource.UpdateAsync(first.Sid, RoomResource.RoomStatusEnum.Completed, client: client);
        await RoomResource.UpdateAsync(second.Sid, RoomResource.RoomStatusEnum.Completed, client: client);

        var fetch = () => RoomResource.FetchAsync(first.Sid, client: client);

        var error = (await fetch.Should().ThrowAsync<ApiException>()).Which;
        error.Code.Should().Be(20404);
        error.Status.Should().Be(404);
        (await RoomResource.FetchAsync(second.Sid, client: client)).Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
    }
}
