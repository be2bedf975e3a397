using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Rooms;

/// <summary>
/// <see cref="FakeRoomsOptions.PublicBaseUrl"/> set to Twilio's own host: <c>url</c>, <c>links</c> and paging URLs
/// read <c>https://video.twilio.com</c>, and the SDK (whose handler sends that host to the fake) still pages.
/// </summary>
public sealed class PublicBaseUrlTests : FakeRoomsTest
{
    private const string Twilio_ = "https://video.twilio.com";

    protected override void Configure(FakeRoomsOptions options) => options.PublicBaseUrl = Twilio_ + "/";

    [Test]
    public async Task Room_url_and_links_use_the_public_base_url()
    {
        var room = await CreateRoom();
        var sid = room.Value<string>("sid");

        room.Value<string>("url").Should().Be($"{Twilio_}/v1/Rooms/{sid}");
        ((Newtonsoft.Json.Linq.JObject)room["links"]!).Properties().Select(p => (string?)p.Value).Should().Equal(
            $"{Twilio_}/v1/Rooms/{sid}/Participants",
            $"{Twilio_}/v1/Rooms/{sid}/Recordings",
            $"{Twilio_}/v1/Rooms/{sid}/Transcriptions",
            $"{Twilio_}/v1/Rooms/{sid}/RecordingRules");
    }

    [Test]
    public async Task Paging_urls_use_the_public_base_url()
    {
        for (var i = 0; i < 3; i++)
            await CreateRoom();

        var meta = (await Get("/v1/Rooms?Status=in-progress&PageSize=2")).Json["meta"]!;

        meta.Value<string>("first_page_url").Should().Be($"{Twilio_}/v1/Rooms?Status=in-progress&PageSize=2&Page=0");
        meta.Value<string>("url").Should().Be($"{Twilio_}/v1/Rooms?Status=in-progress&PageSize=2&Page=0");
        meta.Value<string>("next_page_url").Should().StartWith($"{Twilio_}/v1/Rooms?Status=in-progress&PageSize=2&Page=1&PageToken=PA");
    }

    [Test]
    public async Task Sdk_follows_twilio_next_page_urls_back_to_the_fake()
    {
        for (var i = 0; i < 5; i++)
            await RoomResource.CreateAsync(client: Twilio);

        var rooms = (await RoomResource.ReadAsync(pageSize: 2, client: Twilio)).ToList();

        rooms.Should().HaveCount(5);
        rooms.Select(r => r.Url!.Host).Should().AllBe("video.twilio.com");
        Fake.Calls.Of(Operation.ReadRoom).Should().HaveCount(3);
    }
}
