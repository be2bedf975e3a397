using System.Net;
using FakeRooms.Server.Tests.Support;

namespace FakeRooms.Server.Tests;

/// <summary>The standalone server announces and serves the inspector page (the browser tests run in FakeRooms.Inspector.Tests).</summary>
public sealed class InspectorStandaloneTests
{
    [Test]
    public async Task The_server_prints_the_inspector_address_and_serves_the_page_there()
    {
        await using var server = await StandaloneServer.StartAsync("--quiet");

        var line = await server.WaitForLineAsync(l => l.StartsWith("Inspector:", StringComparison.Ordinal));
        var url = line["Inspector:".Length..].Trim();
        url.Should().Be(server.Url + "/__fakerooms/ui");
        using var http = new HttpClient();
        using var page = await http.GetAsync(url);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await page.Content.ReadAsStringAsync()).Should().Contain("<title>FakeRooms inspector</title>");
        using var script = await http.GetAsync(url + "/app.js");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
