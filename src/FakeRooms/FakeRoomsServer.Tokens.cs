using FakeRooms.Tokens;

namespace FakeRooms;

public sealed partial class FakeRoomsServer
{
    /// <summary>
    /// Every connect with an Access Token (<see cref="SimulatedRooms.ConnectWithToken"/>, <c>POST /__fakerooms/connect</c>),
    /// accepted or refused with its Twilio code and reason, oldest first: a snapshot, copied at each read (keep it rather
    /// than reading the property per item), that later connects do not change. Bounded by
    /// <see cref="FakeRoomsOptions.JournalCapacity"/>; emptied by <see cref="Reset()"/>.
    /// </summary>
    public IReadOnlyList<TokenConnect> TokenConnects => Tokens.All;

    internal TokenConnects Tokens { get; }
}
