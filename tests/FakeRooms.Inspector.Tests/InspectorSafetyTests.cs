using FakeRooms.Inspector.Tests.Support;
using Microsoft.Playwright;
using Twilio.Rest.Video.V1;
using static Microsoft.Playwright.Assertions;

namespace FakeRooms.Inspector.Tests;

/// <summary>Data the app sends (room names, identities, parameters) is shown as text, never run as markup.</summary>
public sealed class InspectorSafetyTests : InspectorTest
{
    private const string ImgName = "<img src=x onerror=\"window.__injected='img'\">";
    private const string ScriptName = "</td><script>window.__injected='script'</script>";

    [Test]
    public async Task A_hostile_room_name_identity_and_parameter_are_shown_as_text()
    {
        var img = await RoomResource.CreateAsync(uniqueName: ImgName, client: Twilio);
        await RoomResource.CreateAsync(uniqueName: ScriptName, client: Twilio);
        Fake.Rooms.Connect(img.Sid, "<b onmouseover=\"window.__injected='identity'\">eve</b>");

        await OpenAsync();

        var table = Page.Locator("#rooms-table");
        await Expect(table.GetByRole(AriaRole.Link, new() { Name = ImgName, Exact = true })).ToHaveCountAsync(1);
        await Expect(table.GetByRole(AriaRole.Link, new() { Name = ScriptName, Exact = true })).ToHaveCountAsync(1);
        await Expect(table.Locator(".chip")).ToHaveTextAsync(["<b onmouseover=\"window.__injected='identity'\">eve</b>"]);
        (await Page.Locator("main img, main script, main b").CountAsync()).Should().Be(0, "no element may come from data");

        await table.GetByRole(AriaRole.Link, new() { Name = ImgName, Exact = true }).ClickAsync();
        await Expect(Page.Locator("#room-title")).ToHaveTextAsync(ImgName);
        await Expect(Page.Locator("#timeline")).ToContainTextAsync("<b onmouseover=");
        await Page.Locator("#participants-table .name").HoverAsync();

        await Page.GotoAsync(Fake.InspectorUrl! + "#/calls/1");
        await Expect(Page.Locator("main")).ToContainTextAsync(ImgName);

        (await Page.EvaluateAsync<string?>("() => window.__injected ?? null")).Should().BeNull("no script from data may run");
        (await Page.Locator("main img, main script, main b").CountAsync()).Should().Be(0);
    }

    [Test]
    public async Task The_page_forbids_inline_script_and_framing()
    {
        var response = await Page.GotoAsync(Fake.InspectorUrl!);

        response!.Status.Should().Be(200);
        var headers = await response.AllHeadersAsync();
        headers["content-security-policy"].Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'")
            .And.NotContain("unsafe-inline");
        headers["x-content-type-options"].Should().Be("nosniff");
        // The browser enforces it: an inline script added now does not run.
        await Page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.append(s); }");
        (await Page.EvaluateAsync<int?>("() => window.__inline ?? null")).Should().BeNull();
        ForgetPageErrors();   // the browser reports the blocked script: that is the point
    }
}
