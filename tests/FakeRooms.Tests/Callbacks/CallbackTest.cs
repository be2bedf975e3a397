using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;
using TwilioHttpMethod = Twilio.Http.HttpMethod;

namespace FakeRooms.Tests.Callbacks;

/// <summary>A fake plus a status callback receiver on 127.0.0.1, both per fixture, cleared before every test.</summary>
public abstract class CallbackTest : FakeRoomsTest
{
    protected CallbackReceiver Receiver { get; private set; } = null!;

    /// <summary>The callback URL tests configure: the receiver's <c>/twilio/rooms</c>.</summary>
    protected string CallbackUrl => Receiver.Url + "/twilio/rooms";

    [OneTimeSetUp]
    public async Task StartReceiver() => Receiver = await CallbackReceiver.StartAsync();

    [OneTimeTearDown]
    public async Task StopReceiver() => await Receiver.DisposeAsync();

    [SetUp]
    public void ClearReceiver() => Receiver.Clear();

    /// <summary>Creates a room through the official SDK with a StatusCallback (and method).</summary>
    protected Task<RoomResource> CreateRoomWithCallback(string uniqueName, string? url = null, TwilioHttpMethod? method = null) =>
        RoomResource.CreateAsync(uniqueName: uniqueName, statusCallback: new Uri(url ?? CallbackUrl), statusCallbackMethod: method, client: Twilio);
}
