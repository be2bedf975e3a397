using FakeRooms.Inspector.Tests.Support;
using Microsoft.Playwright;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;
using static Microsoft.Playwright.Assertions;

namespace FakeRooms.Inspector.Tests;

/// <summary>Readable at 1400x900 and on a narrow window; every control labelled and usable from the keyboard.</summary>
public sealed class InspectorLayoutTests : InspectorTest
{
    [Test]
    public async Task On_a_narrow_window_nothing_overflows_and_the_controls_follow_the_content()
    {
        await Seed(Fake, Twilio);
        await Page.SetViewportSizeAsync(400, 860);
        await OpenAsync();
        await Expect(Page.Locator("#rooms-table")).ToBeVisibleAsync();

        var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        overflow.Should().BeLessThanOrEqualTo(0, "the page must not scroll sideways on a narrow window");
        var main = await Page.Locator("main").BoundingBoxAsync();
        var controls = await Page.Locator("aside.controls").BoundingBoxAsync();
        controls!.Y.Should().BeGreaterThan(main!.Y + main.Height - 1, "the control panel goes below the content");
        controls.Width.Should().BeGreaterThan(300);
    }

    [Test]
    public async Task Every_control_has_a_label_and_the_views_are_reachable_by_keyboard()
    {
        await Seed(Fake, Twilio);
        await OpenAsync();

        var unlabelled = await Page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('input, select, textarea')].filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id || e.outerHTML)");
        unlabelled.Should().BeEmpty();
        var nameless = await Page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('button, a[href]')].filter(e => !(e.getAttribute('aria-label') || e.textContent).trim()).map(e => e.outerHTML)");
        nameless.Should().BeEmpty();

        // Tab from the top reaches the Calls tab; Enter opens it.
        for (var i = 0; i < 10 && await Page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''") is var text && !text.StartsWith("Calls", StringComparison.Ordinal); i++)
            await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator(".tabs a[aria-current=page]")).ToContainTextAsync("Calls");
        await Expect(Page.Locator("#calls-list")).ToBeVisibleAsync();
    }

    /// <summary>A small, realistic morning: three rooms, people in them, a few calls, one refused and one misspelled.</summary>
    internal static async Task Seed(FakeRoomsServer Fake, Twilio.Clients.TwilioRestClient Twilio)
    {
        var standup = await RoomResource.CreateAsync(uniqueName: "daily-standup", type: RoomResource.RoomTypeEnum.Group, maxParticipants: 12, client: Twilio);
        var alice = Fake.Rooms.Connect(standup.Sid, "alice");
        alice.Publish(VideoTrackKind.Video, "camera");
        alice.Publish(VideoTrackKind.Audio, "mic");
        Fake.Rooms.Connect(standup.Sid, "bob").Publish(VideoTrackKind.Audio, "mic");
        Fake.Rooms.Connect(standup.Sid, "carol");
        Fake.Clock.Advance(TimeSpan.FromSeconds(95));
        using (var http = new HttpClient())
        {
            http.DefaultRequestHeaders.Authorization = new("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Fake.AccountSid}:{Fake.AuthToken}")));
            // A misspelled parameter: Twilio ignores it (the room gets no name), the page marks it.
            (await http.PostAsync(Fake.Url + "/v1/Rooms", new FormUrlEncodedContent(new Dictionary<string, string> { ["UniqueNmae"] = "1:1 review" })))
                .EnsureSuccessStatusCode();
        }
        Fake.Clock.Advance(TimeSpan.FromSeconds(20));
        var interview = await RoomResource.CreateAsync(uniqueName: "interview-4711", type: RoomResource.RoomTypeEnum.GroupSmall, client: Twilio);
        Fake.Rooms.Connect(interview.Sid, "dave");
        Fake.Clock.Advance(TimeSpan.FromSeconds(40));
        var retro = await RoomResource.CreateAsync(uniqueName: "sprint-retro", client: Twilio);
        await RoomResource.UpdateAsync(retro.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
        await RoomResource.ReadAsync(status: RoomResource.RoomStatusEnum.InProgress, client: Twilio);
        try
        {
            await RoomResource.CreateAsync(uniqueName: "daily-standup", client: Twilio);
        }
        catch (ApiException)
        {
            // 53113: the refused call the page shows.
        }
        await RoomResource.FetchAsync(standup.Sid, client: Twilio);
    }

}
