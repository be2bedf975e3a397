using System.Net;
using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Rooms;

/// <summary>List pages are written as UTF-8 bytes (not a string), so these pin the body the SDKs read.</summary>
public sealed class ListRoomsTests : FakeRoomsTest
{
    [Test]
    public async Task List_page_has_the_rooms_newest_first_and_all_seven_meta_keys()
    {
        await CreateRoom("UniqueName=first");
        await CreateRoom("UniqueName=second");
        await CreateRoom("UniqueName=third");

        var answer = await Get("/v1/Rooms?PageSize=2");

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        answer.MediaType.Should().Be("application/json");
        var json = answer.Json;
        json["rooms"]!.Select(r => r.Value<string>("unique_name")).Should().Equal("third", "second");
        var meta = (Newtonsoft.Json.Linq.JObject)json["meta"]!;
        meta.Properties().Select(p => p.Name).Should().Equal(
            "page", "page_size", "first_page_url", "previous_page_url", "url", "next_page_url", "key");
        meta.Value<string>("key").Should().Be("rooms");
        meta.Value<int>("page_size").Should().Be(2);
        meta.Value<string>("next_page_url").Should().StartWith($"{Fake.Url}/v1/Rooms?PageSize=2&Page=1&PageToken=PA");
    }

    [Test]
    public async Task List_page_keeps_non_ascii_unique_names_intact()
    {
        await CreateRoom("UniqueName=" + Uri.EscapeDataString("café ☕ 日本 😀"));

        var answer = await Get("/v1/Rooms");

        answer.Json["rooms"]!.Single().Value<string>("unique_name").Should().Be("café ☕ 日本 😀");
    }

    [Test]
    public async Task Sdk_reads_every_room_across_pages_newest_first()
    {
        for (var i = 1; i <= 5; i++)
            await RoomResource.CreateAsync(uniqueName: "room-" + i, client: Twilio);

        var rooms = await RoomResource.ReadAsync(pageSize: 2, client: Twilio);

        rooms.Select(r => r.UniqueName).Should().Equal("room-5", "room-4", "room-3", "room-2", "room-1");
    }
}
