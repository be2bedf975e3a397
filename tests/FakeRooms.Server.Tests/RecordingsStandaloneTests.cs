using System.Net;
using System.Text;
using FakeRooms.Server.Tests.Support;
using Newtonsoft.Json.Linq;
using Twilio.Clients;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;

namespace FakeRooms.Server.Tests;

/// <summary>
/// Record and compose against the standalone server, as a test in any language would: participants and the clock
/// through the control API, recordings and compositions through the Twilio SDK, media downloaded from the server's
/// own media path (the files are embedded in the shipped assembly).
/// </summary>
public sealed class RecordingsStandaloneTests : ManualClockServerTest
{
    private Task<HttpResponseMessage> Post(string path, string body = "") => PostForm(path, body);

    [Test]
    public async Task Recorded_meeting_downloads_as_matroska_and_its_composition_as_mp4()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "recorded", recordParticipantsOnConnect: true, client: Twilio);
        await Post("/__fakerooms/rooms/recorded/participants", "Identity=alice");
        await Post("/__fakerooms/rooms/recorded/participants/alice/tracks", "Kind=audio&Name=mic");
        await Post("/__fakerooms/clock/advance", "Seconds=20");
        await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
        await Post("/__fakerooms/clock/advance", "Seconds=30");

        var recording = (await RoomRecordingResource.ReadAsync(room.Sid, client: Twilio)).Single();
        var composition = await CompositionResource.CreateAsync(roomSid: room.Sid, audioSources: ["*"],
            format: CompositionResource.FormatEnum.Mp4, client: Twilio);
        await Post("/__fakerooms/clock/advance", "Seconds=25");
        var audio = await Media($"/v1/Recordings/{recording.Sid}/Media");
        var video = await Media($"/v1/Compositions/{composition.Sid}/Media");

        recording.Duration.Should().Be(20);
        audio.Take(4).Should().Equal(0x1A, 0x45, 0xDF, 0xA3);
        audio.LongLength.Should().Be(recording.Size);
        Encoding.ASCII.GetString(video, 4, 4).Should().Be("ftyp");
    }

    private async Task<byte[]> Media(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Server.AccountSid}:{Server.AuthToken}")));
        using var redirect = await Control.SendAsync(request);
        redirect.StatusCode.Should().Be(HttpStatusCode.Found);
        var location = JObject.Parse(await redirect.Content.ReadAsStringAsync()).Value<string>("redirect_to")!;
        using var file = await Control.GetAsync(location);
        file.StatusCode.Should().Be(HttpStatusCode.OK);
        return await file.Content.ReadAsByteArrayAsync();
    }
}
