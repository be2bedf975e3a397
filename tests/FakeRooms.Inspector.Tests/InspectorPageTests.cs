using System.Text.RegularExpressions;
using FakeRooms.Inspector.Tests.Support;
using Microsoft.Playwright;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;
using static Microsoft.Playwright.Assertions;

namespace FakeRooms.Inspector.Tests;

/// <summary>The inspector page in a real browser: what it shows of the fake, and that it changes live.</summary>
public sealed class InspectorPageTests : InspectorTest
{
    [Test]
    public async Task Rooms_participants_and_calls_render()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "daily-standup", type: RoomResource.RoomTypeEnum.Group, client: Twilio);
        Fake.Rooms.Connect(room.Sid, "alice").Publish(VideoTrackKind.Video, "camera");
        Fake.Rooms.Connect(room.Sid, "bob");

        await OpenAsync();

        var row = Page.Locator("#rooms-table tbody tr", new() { HasText = "daily-standup" });
        await Expect(row).ToContainTextAsync("in-progress");
        await Expect(row).ToContainTextAsync("2 connected");
        await Expect(row.Locator(".chip")).ToHaveTextAsync(["alice", "bob"]);
        await Expect(row).ToContainTextAsync(room.Sid);
        await Expect(Page.Locator("#latest-calls-list tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#latest-calls-list tbody tr").First).ToContainTextAsync("CreateRoom");
        await Expect(Page.Locator("#latest-calls-list tbody tr").First).ToContainTextAsync("POST/v1/Rooms");
        await Expect(Page.Locator("#latest-calls-list tbody tr").First).ToContainTextAsync("201");
        await Expect(Page.Locator("#clock")).ToHaveTextAsync(Clock(Fake.Clock.UtcNow));

        // The room's page: its participants, their tracks, and the timeline of what happened.
        await row.GetByRole(AriaRole.Link, new() { Name = "daily-standup" }).ClickAsync();
        await Expect(Page.Locator("#room-title")).ToHaveTextAsync("daily-standup");
        await Expect(Page.Locator("#participants-table tbody tr")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#participants-table")).ToContainTextAsync("video: camera");
        await Expect(Page.Locator("#timeline li")).ToHaveTextAsync([
            new Regex("Room created \\(group\\)"), new Regex("alice joined"), new Regex("alice published video track 'camera'"),
            new Regex("bob joined")]);
    }

    [Test]
    public async Task A_REST_call_made_by_the_app_appears_without_a_reload()
    {
        await OpenAsync("#/calls");
        await Expect(Page.Locator("#calls-table")).ToContainTextAsync("No calls yet");
        await Page.EvaluateAsync("() => { window.__sameDocument = true; }");

        await RoomResource.CreateAsync(uniqueName: "arrives-live", client: Twilio);
        await RoomResource.FetchAsync("arrives-live", client: Twilio);

        var rows = Page.Locator("#calls-list tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("FetchRoom");     // newest first
        await Expect(rows.Nth(0)).ToContainTextAsync("/v1/Rooms/arrives-live");
        await Expect(rows.Nth(1)).ToContainTextAsync("CreateRoom");
        (await Page.EvaluateAsync<bool>("() => window.__sameDocument === true")).Should().BeTrue("the page must update without a reload");
        await Expect(Page.Locator("#count-calls")).ToHaveTextAsync("2");
    }

    [Test]
    public async Task Advance_moves_the_clock_and_an_empty_room_ends_on_the_page()
    {
        // A room nobody joins ends after its unused-room timeout (default 5 minutes, FACTS §2).
        var started = Fake.Clock.UtcNow;
        var room = await RoomResource.CreateAsync(uniqueName: "nobody-came", client: Twilio);
        await OpenAsync($"#/rooms/{room.Sid}");
        await Expect(Page.Locator("#room-title + .badge")).ToHaveTextAsync("in-progress");

        // Keyboard only: type the seconds and press Enter in the field.
        await Page.Locator("#advance-seconds").FillAsync("600");
        await Page.Locator("#advance-seconds").PressAsync("Enter");

        await Expect(Page.Locator("#clock")).ToHaveTextAsync(Clock(started.AddMinutes(10)));
        await Expect(Page.Locator("#control-result")).ToContainTextAsync("Clock moved 600 s");
        await Expect(Page.Locator("#room-title + .badge")).ToHaveTextAsync("completed");
        await Expect(Page.Locator("#timeline li").Last.Locator("time")).ToHaveAttributeAsync("datetime", started.AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(Page.Locator("#timeline li").Last).ToContainTextAsync("Room ended, status completed");
        Fake.Clock.UtcNow.Should().Be(started.AddMinutes(10));
    }

    [Test]
    public async Task A_refused_call_shows_its_Twilio_code_and_message()
    {
        await RoomResource.CreateAsync(uniqueName: "taken", client: Twilio);
        var refused = async () => await RoomResource.CreateAsync(uniqueName: "taken", client: Twilio);
        (await refused.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(53113);

        await OpenAsync("#/calls");

        var row = Page.Locator("#calls-list tbody tr").First;
        await Expect(row).ToContainTextAsync("400");
        await Expect(row.Locator("a.code")).ToHaveTextAsync("53113");
        await Expect(row).ToContainTextAsync("Room exists");
        await Expect(row.Locator("a.code")).ToHaveAttributeAsync("href", "https://www.twilio.com/docs/errors/53113");

        // The call's page shows the error JSON Twilio answered.
        await row.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Call \\d+: details$") }).ClickAsync();
        await Expect(Page.Locator("#response-body")).ToContainTextAsync("\"code\": 53113");
        await Expect(Page.Locator("main")).ToContainTextAsync("UniqueName");
    }

    [Test]
    public async Task A_control_action_the_fake_refuses_shows_the_Twilio_code()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "pair", type: RoomResource.RoomTypeEnum.PeerToPeer, maxParticipants: 2, client: Twilio);
        Fake.Rooms.Connect(room.Sid, "alice");
        Fake.Rooms.Connect(room.Sid, "bob");
        await OpenAsync();

        await Page.GetByLabel("Identity").FillAsync("carol");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();

        await Expect(Page.Locator("#control-result.error")).ToContainTextAsync("Twilio error 53105");
        await Expect(Page.Locator("#control-result")).ToContainTextAsync("Room contains too many Participants");
    }

    [Test]
    public async Task Join_disconnect_and_publish_from_the_control_panel_change_the_fake()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "driven", client: Twilio);
        await OpenAsync($"#/rooms/{room.Sid}");

        await Page.GetByLabel("Identity").FillAsync("dora");
        await Page.GetByLabel("Identity").PressAsync("Enter");
        await Expect(Page.Locator("#participants-table")).ToContainTextAsync("dora");
        await Expect(Page.GetByLabel("Connected participant")).ToHaveValueAsync("dora");

        await Page.GetByLabel("Kind").SelectOptionAsync("audio");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("mic");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(Page.Locator("#timeline")).ToContainTextAsync("dora published audio track 'mic'");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Expect(Page.Locator("#timeline li").Last).ToContainTextAsync("dora left");

        var participant = Fake.Rooms.ParticipantsOf(room.Sid).Should().ContainSingle().Subject;
        participant.Identity.Should().Be("dora");
        participant.Status.Should().Be(VideoParticipantStatus.Disconnected);
    }

    [Test]
    public async Task Reset_and_snapshot_from_the_control_panel()
    {
        await RoomResource.CreateAsync(uniqueName: "kept-in-snapshot", client: Twilio);
        await OpenAsync();

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Download snapshot" }).ClickAsync());
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "inspector-snapshot.json");
        await download.SaveAsAsync(file);
        var snapshot = FakeRoomsSnapshot.FromJson(await File.ReadAllTextAsync(file));
        var account = snapshot.AccountSids.Should().ContainSingle().Which;
        using (var copy = FakeRoomsServer.Start())
        {
            copy.Restore(snapshot);
            copy.RoomsOf(account).All.Should().ContainSingle().Which.UniqueName.Should().Be("kept-in-snapshot");
        }

        Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Reset…" }).ClickAsync();

        await Expect(Page.Locator("#rooms-table")).ToHaveCountAsync(0);
        await Expect(Page.Locator("main")).ToContainTextAsync("No rooms yet");
        Fake.Rooms.All.Should().BeEmpty();
    }

    [Test]
    public async Task Callbacks_show_event_url_outcome_signature_and_parameters()
    {
        // A receiver that does not exist: the outcome is a failed connection (.invalid never resolves, RFC 6761).
        await RoomResource.CreateAsync(uniqueName: "called-back", statusCallback: new Uri("http://receiver.invalid/hook"), client: Twilio);
        await Fake.Callbacks.WhenIdleAsync(TimeSpan.FromSeconds(30));
        var sent = Fake.Callbacks.Snapshot().Should().ContainSingle().Subject;

        await OpenAsync("#/callbacks");

        var row = Page.Locator("#callbacks-list tbody tr").First;
        await Expect(row).ToContainTextAsync("room-created");
        await Expect(row).ToContainTextAsync("http://receiver.invalid/hook");
        await Expect(row).ToContainTextAsync(sent.Signature);
        await Expect(row.Locator(".badge").First).ToHaveTextAsync(new Regex("^(connection-failed|invalid-url|timed-out)"));
        var toggle = row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Show \\d+ parameters$") });
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await toggle.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        var parameters = Page.Locator("#callbacks-list tr.detail").First;
        await Expect(parameters).ToBeVisibleAsync();
        await Expect(parameters).ToContainTextAsync("RoomName");
        await Expect(parameters).ToContainTextAsync("called-back");
        await Expect(row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Hide") })).ToHaveAttributeAsync("aria-expanded", "true");
    }
}
