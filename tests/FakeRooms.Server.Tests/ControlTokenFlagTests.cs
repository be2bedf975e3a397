using System.Net;
using System.Net.Http.Headers;
using FakeRooms.Server.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Tests;

/// <summary>
/// <c>--control-token</c> / <c>FAKEROOMS_CONTROL_TOKEN</c> and <c>--max-accounts</c> / <c>FAKEROOMS_MAX_ACCOUNTS</c>
/// (issue 14, items 11 and 12): beyond loopback the control API gets a token (given, or generated and printed).
/// </summary>
public sealed class ControlTokenFlagTests
{
    private static FakeRoomsOptions Configured(params (string Name, string Value)[] values)
    {
        var options = new FakeRoomsOptions();
        ServerConfiguration.Configure(options, values.ToDictionary(v => v.Name, v => v.Value));
        return options;
    }

    [TestCase("127.0.0.1")]
    [TestCase("127.0.0.2")]
    [TestCase("::1")]
    [TestCase("localhost")]
    public void On_loopback_without_the_flag_there_is_no_token(string host) =>
        Configured(("--host", host)).ControlToken.Should().BeNull();

    [TestCase("0.0.0.0")]
    [TestCase("192.168.1.20")]
    [TestCase("::")]
    [TestCase("192.0.2.10")]
    public void Beyond_loopback_a_token_is_generated_fresh_at_each_start(string host)
    {
        var first = Configured(("--host", host)).ControlToken;
        var second = Configured(("--host", host)).ControlToken;

        first.Should().MatchRegex("^[0-9a-f]{32}$");
        second.Should().MatchRegex("^[0-9a-f]{32}$").And.NotBe(first, "a secret, not derived from the seed");
    }

    [Test]
    public void The_flag_sets_the_token_on_any_host()
    {
        Configured(("--host", "0.0.0.0"), ("--control-token", "mine")).ControlToken.Should().Be("mine");
        Configured(("--control-token", "mine")).ControlToken.Should().Be("mine");
    }

    [TestCase("")]
    [TestCase("two words")]
    public void A_bad_token_is_refused_naming_the_flag(string value)
    {
        var configure = () => Configured(("--control-token", value));

        configure.Should().Throw<InvalidFlagException>().WithMessage("--control-token*");
    }

    [Test]
    public void Max_accounts_flag_sets_the_bound_off_removes_it_and_the_default_is_ten_thousand()
    {
        Configured().MaxAccounts.Should().Be(10_000);
        Configured(("--max-accounts", "5")).MaxAccounts.Should().Be(5);
        Configured(("--max-accounts", "off")).MaxAccounts.Should().BeNull();
        var zero = () => Configured(("--max-accounts", "0"));
        zero.Should().Throw<InvalidFlagException>().WithMessage("--max-accounts*");
    }

    [Test]
    public async Task The_standalone_server_prints_the_token_and_refuses_control_calls_without_it()
    {
        await using var server = await StandaloneServer.StartAsync(
            new Dictionary<string, string> { ["FAKEROOMS_CONTROL_TOKEN"] = "from-env" }, "--quiet");
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };

        using var refused = await http.PostAsync("/__fakerooms/reset", new FormUrlEncodedContent([]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/__fakerooms/reset") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "from-env");
        using var accepted = await http.SendAsync(request);
        using var health = await http.GetAsync("/__fakerooms/health");

        var line = await server.WaitForLineAsync(l => l.StartsWith("Control token:", StringComparison.Ordinal));
        line.Should().StartWith("Control token: from-env ");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        JObject.Parse(await refused.Content.ReadAsStringAsync()).Value<int>("code").Should().Be(20003);
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
