using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace FakeRooms.Aspire.Tests;

/// <summary>
/// The resource as the AppHost describes it, without starting anything: the settings map to the server's FAKEROOMS_*
/// variables, WithReference hands the app its configuration keys, the dashboard commands exist.
/// </summary>
public class ResourceModelTests
{
    // Obsolete in 13.6 in favour of ExecutionConfigurationBuilder, still the shortest way to evaluate the callbacks
    // (publish mode: endpoint values are their manifest expressions, nothing is allocated or started).
#pragma warning disable CS0618
    private static async Task<Dictionary<string, string>> Environment(IResourceWithEnvironment resource) =>
        await resource.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    private static async Task<string[]> Arguments(IResourceWithArgs resource) =>
        await resource.GetArgumentValuesAsync(DistributedApplicationOperation.Publish).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
#pragma warning restore CS0618

    [Test]
    public async Task The_server_runs_from_its_build_output_with_the_port_aspire_chose()
    {
        var builder = DistributedApplication.CreateBuilder();
        var fake = builder.AddFakeRooms("twilio");

        fake.Resource.Command.Should().Be("dotnet");
        var args = await Arguments(fake.Resource);
        args.Should().ContainSingle().Which.Should().EndWith("FakeRooms.Server.dll").And.Be(fake.Resource.ServerDll);
        File.Exists(fake.Resource.ServerDll).Should().BeTrue();
        var endpoint = fake.Resource.Annotations.OfType<EndpointAnnotation>().Should().ContainSingle().Subject;
        endpoint.Name.Should().Be("http");
        endpoint.UriScheme.Should().Be("http");
        (await Environment(fake.Resource)).Should().ContainKey("FAKEROOMS_PORT");
    }

    [Test]
    public async Task Without_settings_the_account_is_derived_from_the_name_in_twilios_formats()
    {
        var builder = DistributedApplication.CreateBuilder();
        var twilio = builder.AddFakeRooms("twilio").Resource;
        var other = builder.AddFakeRooms("other").Resource;

        twilio.AccountSid.Should().MatchRegex("^AC[0-9a-f]{32}$");
        twilio.AuthToken.Should().MatchRegex("^[0-9a-f]{32}$");
        other.AccountSid.Should().NotBe(twilio.AccountSid);
        DistributedApplication.CreateBuilder().AddFakeRooms("twilio").Resource.AccountSid.Should().Be(twilio.AccountSid);
        var env = await Environment(twilio);
        env["FAKEROOMS_ACCOUNT_SID"].Should().Be(twilio.AccountSid);
        env["FAKEROOMS_AUTH_TOKEN"].Should().Be(twilio.AuthToken);
        env.Keys.Should().NotContain(["FAKEROOMS_CLOCK", "FAKEROOMS_SEED", "FAKEROOMS_API_KEYS", "FAKEROOMS_FIXTURE", "FAKEROOMS_PERSIST", "FAKEROOMS_VALIDATION"]);
    }

    [Test]
    public async Task Each_setting_maps_to_the_servers_variable()
    {
        var builder = DistributedApplication.CreateBuilder();
        var fake = builder.AddFakeRooms("twilio")
            .WithAccount("AC0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef")
            .WithApiKey("SK00000000000000000000000000000001", "secret-one")
            .WithApiKey("SK00000000000000000000000000000002", "secret-two")
            .WithSeed(42)
            .WithManualClock(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(1)))
            .WithFixture("seeds/standup.json")
            .WithPersistFile("/tmp/fakerooms-state.json")
            .WithValidationProfile(FakeRoomsValidationProfile.Schema);

        var env = await Environment(fake.Resource);

        env.Should().Contain(new Dictionary<string, string>
        {
            ["FAKEROOMS_ACCOUNT_SID"] = "AC0123456789abcdef0123456789abcdef",
            ["FAKEROOMS_AUTH_TOKEN"] = "0123456789abcdef0123456789abcdef",
            ["FAKEROOMS_API_KEYS"] = "SK00000000000000000000000000000001:secret-one,SK00000000000000000000000000000002:secret-two",
            ["FAKEROOMS_SEED"] = "42",
            ["FAKEROOMS_CLOCK"] = "manual",
            ["FAKEROOMS_START_TIME"] = "2026-12-07T09:00:00.000Z",
            ["FAKEROOMS_FIXTURE"] = Path.GetFullPath("seeds/standup.json", builder.AppHostDirectory),
            ["FAKEROOMS_PERSIST"] = "/tmp/fakerooms-state.json",
            ["FAKEROOMS_VALIDATION"] = "schema",
        });
    }

    [TestCase("SK1:2", "secret")]
    [TestCase("SK1,2", "secret")]
    [TestCase("SK1", "sec,ret")]
    [TestCase("", "secret")]
    public void An_api_key_the_variable_cannot_carry_is_refused(string sid, string secret)
    {
        var fake = DistributedApplication.CreateBuilder().AddFakeRooms("twilio");

        var add = () => fake.WithApiKey(sid, secret);

        add.Should().Throw<ArgumentException>();
        fake.Resource.ApiKeys.Should().BeEmpty();
    }

    [Test]
    public async Task WithReference_hands_the_app_the_url_and_the_twilio_client_settings()
    {
        var builder = DistributedApplication.CreateBuilder();
        var fake = builder.AddFakeRooms("twilio");
        var app = builder.AddExecutable("app", "dotnet", ".").WithReference(fake);

        var env = await Environment(app.Resource);

        env["FakeRooms__Url"].Should().Be("{twilio.bindings.http.url}");
        env["Twilio__Client__AccountSid"].Should().Be(fake.Resource.AccountSid);
        env["Twilio__Client__AuthToken"].Should().Be(fake.Resource.AuthToken);
        env.Keys.Should().NotContain(["Twilio__Client__ApiKeySid", "Twilio__Client__ApiKeySecret"]);
    }

    [Test]
    public async Task WithReference_adds_the_first_api_key_when_the_fake_has_one()
    {
        var builder = DistributedApplication.CreateBuilder();
        var fake = builder.AddFakeRooms("twilio")
            .WithApiKey("SK00000000000000000000000000000001", "secret-one")
            .WithApiKey("SK00000000000000000000000000000002", "secret-two");
        var app = builder.AddExecutable("app", "dotnet", ".").WithReference(fake);

        var env = await Environment(app.Resource);

        env["Twilio__Client__ApiKeySid"].Should().Be("SK00000000000000000000000000000001");
        env["Twilio__Client__ApiKeySecret"].Should().Be("secret-one");
    }

    [Test]
    public void Reset_is_always_a_command_and_advance_clock_comes_with_the_manual_clock_once()
    {
        var builder = DistributedApplication.CreateBuilder();
        var real = builder.AddFakeRooms("real");
        var manual = builder.AddFakeRooms("manual").WithManualClock().WithManualClock();

        real.Resource.Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name)
            .Should().Equal(FakeRoomsResource.ResetCommand);
        manual.Resource.Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name)
            .Should().Equal(FakeRoomsResource.ResetCommand, FakeRoomsResource.AdvanceClockCommand);
    }
}
