using System.Net;
using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Recordings;

/// <summary>/v1/CompositionHooks (FACTS §4): CRUD, FriendlyName rules, and compositions for every completed group room.</summary>
public sealed class CompositionHookTests : RecordingTest
{
    [Test]
    public async Task Enabled_hook_composes_every_completed_group_room_and_a_disabled_one_does_not()
    {
        var hook = await CompositionHookResource.CreateAsync("everyone", audioSources: ["*"],
            videoLayout: new { grid = new { video_sources = new[] { "*" } } }, format: CompositionHookResource.FormatEnum.Mp4,
            statusCallback: new Uri("https://callbacks.invalid/hooks"), client: Twilio);
        await CompositionHookResource.CreateAsync("off", enabled: false, audioSources: ["*"], client: Twilio);
        var room = await CreateRecordedRoom();
        Fake.Rooms.Connect("meeting", "alice").Publish(VideoTrackKind.Audio, "mic");
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));

        await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(60));

        var compositions = await CompositionResource.ReadAsync(roomSid: room.Sid, client: Twilio);
        var composition = compositions.Should().ContainSingle().Subject;
        composition.Status.Should().Be(CompositionResource.StatusEnum.Completed);
        composition.Format.Should().Be(CompositionResource.FormatEnum.Mp4);
        composition.StatusCallback.Should().Be(new Uri("https://callbacks.invalid/hooks"));
        var enqueued = Events.Of(VideoCallbackEvent.CompositionEnqueued).Single();
        enqueued.Composition!.HookSid.Should().Be(hook.Sid);
        enqueued.Composition.HookFriendlyName.Should().Be("everyone");
    }

    [Test]
    public async Task Hook_reports_composition_hook_failed_for_a_room_without_recordings()
    {
        var hook = await CompositionHookResource.CreateAsync("everyone", audioSources: ["*"], client: Twilio);
        var room = await RoomResource.CreateAsync(uniqueName: "unrecorded", client: Twilio);
        Fake.Rooms.Connect("unrecorded", "alice").Publish(VideoTrackKind.Audio, "mic");

        await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);

        (await CompositionResource.ReadAsync(roomSid: room.Sid, client: Twilio)).Should().BeEmpty();
        Events.Of(VideoCallbackEvent.CompositionHookFailed).Should().ContainSingle().Which.Hook!.Sid.Should().Be(hook.Sid);
    }

    [Test]
    public async Task Hook_json_has_every_spec_property_in_order()
    {
        var answer = await PostForm("/v1/CompositionHooks", "FriendlyName=My+hook&AudioSources=user*&AudioSources=moderator&Trim=false&Resolution=1280x720");

        answer.Status.Should().Be(HttpStatusCode.Created);
        answer.Json.Properties().Select(p => p.Name).Should().Equal("account_sid", "friendly_name", "enabled", "date_created",
            "date_updated", "sid", "audio_sources", "audio_sources_excluded", "video_layout", "resolution", "trim", "format",
            "status_callback", "status_callback_method", "url");
        answer.Json.Value<string>("sid").Should().MatchRegex("^HK[0-9a-f]{32}$");
        answer.Json.Value<bool>("enabled").Should().BeTrue();
        answer.Json["date_updated"]!.Type.Should().Be(Newtonsoft.Json.Linq.JTokenType.Null, "the spec's create example shows null");
        answer.Json["audio_sources"]!.ToObject<string[]>().Should().Equal("user*", "moderator");
        answer.Json["video_layout"]!.ToString(Newtonsoft.Json.Formatting.None).Should().Be("{}");
        answer.Json.Value<string>("url").Should().Be($"{Fake.Url}/v1/CompositionHooks/{answer.Json.Value<string>("sid")}");
    }

    [Test]
    public async Task Update_replaces_every_setting_and_sets_date_updated()
    {
        var hook = await CompositionHookResource.CreateAsync("hook", audioSources: ["*"], format: CompositionHookResource.FormatEnum.Mp4,
            statusCallback: new Uri("https://callbacks.invalid/a"), client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(2));

        var updated = await CompositionHookResource.UpdateAsync(hook.Sid, "renamed", enabled: false,
            videoLayout: new { pip = new { video_sources = new[] { "cam" } } }, client: Twilio);
        var fetched = await CompositionHookResource.FetchAsync(hook.Sid, client: Twilio);

        updated.FriendlyName.Should().Be("renamed");
        updated.Enabled.Should().BeFalse();
        updated.AudioSources.Should().BeEmpty();
        updated.Format.Should().Be(CompositionHookResource.FormatEnum.Webm);
        updated.StatusCallback.Should().BeNull();
        updated.DateUpdated.Should().Be(hook.DateCreated!.Value.AddSeconds(2));
        fetched.FriendlyName.Should().Be("renamed");
    }

    [Test]
    public async Task Hooks_list_filters_by_enabled_and_friendly_name_wildcard_case_insensitively()
    {
        await CompositionHookResource.CreateAsync("Sales Hook", audioSources: ["*"], client: Twilio);
        await CompositionHookResource.CreateAsync("support hook", audioSources: ["*"], enabled: false, client: Twilio);
        await CompositionHookResource.CreateAsync("Archive", audioSources: ["*"], client: Twilio);

        var hooks = await CompositionHookResource.ReadAsync(friendlyName: "*HOOK*", client: Twilio);
        var enabled = await CompositionHookResource.ReadAsync(enabled: true, client: Twilio);
        var page = await Get("/v1/CompositionHooks?FriendlyName=%2AHook%2A&Enabled=true");

        hooks.Select(h => h.FriendlyName).Should().Equal("support hook", "Sales Hook");
        enabled.Select(h => h.FriendlyName).Should().Equal("Archive", "Sales Hook");
        page.Json["meta"]!.Value<string>("key").Should().Be("composition_hooks");
        page.Json["meta"]!.Value<string>("url").Should().Be($"{Fake.Url}/v1/CompositionHooks?FriendlyName=%2AHook%2A&Enabled=true&PageSize=50&Page=0");
    }

    [Test]
    public async Task Delete_answers_204_and_the_hook_is_gone_with_20404()
    {
        var hook = await CompositionHookResource.CreateAsync("hook", audioSources: ["*"], client: Twilio);

        var deleted = await CompositionHookResource.DeleteAsync(hook.Sid, client: Twilio);
        var fetch = () => CompositionHookResource.FetchAsync(hook.Sid, client: Twilio);
        var again = await Send(new HttpRequestMessage(HttpMethod.Delete, $"/v1/CompositionHooks/{hook.Sid}"));

        deleted.Should().BeTrue();
        await fetch.ShouldFailWithApiError(404, 20404, $"The requested resource /CompositionHooks/{hook.Sid} was not found");
        again.ShouldBeTwilioError(404, 20404);
    }

    [Test]
    public async Task Missing_friendly_name_returns_20001_on_create_and_update()
    {
        var hook = await CompositionHookResource.CreateAsync("hook", audioSources: ["*"], client: Twilio);

        var create = await PostForm("/v1/CompositionHooks", "AudioSources=*");
        var update = await PostForm($"/v1/CompositionHooks/{hook.Sid}", "AudioSources=*");

        create.ShouldBeTwilioError(400, 20001, "Missing required parameter FriendlyName in the post body");
        update.ShouldBeTwilioError(400, 20001, "Missing required parameter FriendlyName in the post body");
    }

    [Test]
    public async Task Friendly_name_over_100_characters_returns_20001_and_100_is_accepted()
    {
        var ok = await CompositionHookResource.CreateAsync(new string('a', 100), audioSources: ["*"], client: Twilio);
        var act = () => CompositionHookResource.CreateAsync(new string('b', 101), audioSources: ["*"], client: Twilio);

        ok.FriendlyName.Should().HaveLength(100);
        await act.ShouldFailWithApiError(400, 20001);
    }

    [Test]
    public async Task Friendly_name_used_by_another_hook_returns_20001_but_a_hook_may_keep_its_own()
    {
        var hook = await CompositionHookResource.CreateAsync("taken", audioSources: ["*"], client: Twilio);
        var other = await CompositionHookResource.CreateAsync("other", audioSources: ["*"], client: Twilio);

        var duplicate = () => CompositionHookResource.CreateAsync("taken", audioSources: ["*"], client: Twilio);
        var rename = () => CompositionHookResource.UpdateAsync(other.Sid, "taken", audioSources: ["*"], client: Twilio);
        var keep = await CompositionHookResource.UpdateAsync(hook.Sid, "taken", audioSources: ["mic"], client: Twilio);

        await duplicate.ShouldFailWithApiError(400, 20001, "FriendlyName 'taken' is already used by another composition hook");
        await rename.ShouldFailWithApiError(400, 20001);
        keep.AudioSources.Should().Equal("mic");
    }

    [Test]
    public async Task Hook_without_sources_or_with_a_bad_resolution_returns_20001()
    {
        var noSources = () => CompositionHookResource.CreateAsync("hook", client: Twilio);
        var badResolution = () => CompositionHookResource.CreateAsync("hook", audioSources: ["*"], resolution: "2000x2000", client: Twilio);

        await noSources.ShouldFailWithApiError(400, 20001, "Either VideoLayout or AudioSources must be provided");
        await badResolution.ShouldFailWithApiError(400, 20001, "Invalid Resolution: '2000x2000'");
    }

    [Test]
    public async Task Unknown_hook_update_returns_20404()
    {
        var act = () => CompositionHookResource.UpdateAsync("HK00000000000000000000000000000000", "name", audioSources: ["*"], client: Twilio);

        await act.ShouldFailWithApiError(404, 20404);
    }
}
