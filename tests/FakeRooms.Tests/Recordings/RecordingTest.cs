using FakeRooms.Domain.Events;
using System.Collections.Concurrent;
using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Recordings;

/// <summary>
/// A fake with a log of the domain events it publishes (recording-* and composition-* included), cleared before each
/// test, and helpers to create recorded rooms and read media bytes.
/// </summary>
public abstract class RecordingTest : FakeRoomsTest
{
    /// <summary>EBML header of Matroska and WebM files.</summary>
    protected static readonly byte[] Ebml = [0x1A, 0x45, 0xDF, 0xA3];

    internal EventLog Events { get; } = new();

    [OneTimeSetUp]
    public void ListenToEvents() => Fake.Events.Subscribe(Events);

    [SetUp]
    public void ClearEvents() => Events.Clear();

    /// <summary>Creates a group room that records everyone (RecordParticipantsOnConnect=true) through the SDK.</summary>
    protected Task<RoomResource> CreateRecordedRoom(string uniqueName = "meeting", IEnumerable<RoomResource.VideoCodecEnum>? codecs = null) =>
        RoomResource.CreateAsync(uniqueName: uniqueName, type: RoomResource.RoomTypeEnum.Group, recordParticipantsOnConnect: true,
            videoCodecs: codecs?.ToList(), client: Twilio);

    /// <summary>
    /// GETs a path with credentials but without following redirects, as the Twilio SDKs do (a plain HttpClient would
    /// follow the Media redirect to the file).
    /// </summary>
    protected async Task<Answer> GetNoRedirect(string path)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(Fake.Url) };
        client.DefaultRequestHeaders.Authorization = Http.DefaultRequestHeaders.Authorization;
        return await Send(new HttpRequestMessage(HttpMethod.Get, path), client);
    }

    /// <summary>Downloads a URL with a plain client (no credentials: the media URL is pre-signed, like Twilio's).</summary>
    protected async Task<(System.Net.HttpStatusCode Status, byte[] Bytes, string? ContentType)> Download(string url)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>Collects the events the fake publishes.</summary>
internal sealed class EventLog : IRoomEventSink
{
    private readonly ConcurrentQueue<RoomEvent> _events = new();

    public void Publish(RoomEvent roomEvent) => _events.Enqueue(roomEvent);

    public void Clear() => _events.Clear();

    public IReadOnlyList<RoomEvent> All => _events.ToArray();

    public IReadOnlyList<RoomEvent> Of(params VideoCallbackEvent[] kinds) => _events.Where(e => kinds.Contains((VideoCallbackEvent)e.Kind)).ToArray();
}
