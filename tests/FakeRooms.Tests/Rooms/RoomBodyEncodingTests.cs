using System.Net;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Rooms;

/// <summary>Room bodies and list pages are written straight to UTF-8 bytes; characters outside ASCII survive.</summary>
public sealed class RoomBodyEncodingTests : FakeRoomsTest
{
    private const string Name = "café ☕ 日本 😀";

    [Test]
    public async Task Create_fetch_and_list_answer_a_non_ascii_unique_name_unchanged()
    {
        var created = await CreateRoom("UniqueName=" + Uri.EscapeDataString(Name));
        var fetched = await Get("/v1/Rooms/" + created.Value<string>("sid"));
        var listed = await Get("/v1/Rooms?UniqueName=" + Uri.EscapeDataString(Name));

        created.Value<string>("unique_name").Should().Be(Name);
        fetched.Status.Should().Be(HttpStatusCode.OK, fetched.Text);
        fetched.Json.Value<string>("unique_name").Should().Be(Name);
        listed.Json["rooms"]!.Single().Value<string>("unique_name").Should().Be(Name);
    }

    [Test]
    public async Task A_list_page_of_fifty_rooms_with_non_ascii_names_is_valid_json()
    {
        // Fifty rooms make a body of about 55,000 characters, written through the pooled builder in several chunks.
        for (var i = 0; i < 50; i++)
            Fake.Rooms.Create(new NewRoom { UniqueName = $"{Name} {i}" });

        var page = await Get("/v1/Rooms?PageSize=50");

        page.Json["rooms"]!.Select(r => r.Value<string>("unique_name")).Should()
            .Equal(Enumerable.Range(0, 50).Reverse().Select(i => $"{Name} {i}"));
    }
}
