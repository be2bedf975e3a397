using FakeRooms.NUnit.Tests.App;

namespace FakeRooms.NUnit.Tests.Shared;

/// <summary>
/// One fake for every test of this namespace, started once. In a user's suite this class sits outside any namespace,
/// so it covers the whole assembly; here it covers the shared-mode examples only.
/// </summary>
[SetUpFixture]
public sealed class FakeRoomsSetUp : SharedFakeRoomsSetUp
{
    /// <summary>Every test's status callbacks arrive here, in process.</summary>
    public static AppCallbackEndpoint Endpoint { get; } = new();

    protected override void Configure(FakeRoomsOptions options)
    {
        options.Seed = 5;
        options.CallbackHandler = Endpoint;
    }
}
