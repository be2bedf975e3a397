using NUnit.Framework;
using Twilio.Clients;

namespace FakeRooms.NUnit;

/// <summary>
/// Base class of an NUnit fixture that talks to its own FakeRooms fake: started before the fixture's first test
/// (<see cref="Configure"/> changes its options), reset before every test, disposed after the last one. Fixtures
/// run in parallel with each other freely (each has its own fake); the tests of one fixture share its fake, so they
/// run one at a time. For tests that run in parallel within a fixture use <see cref="SharedFakeRoomsTest"/>.
/// </summary>
/// <example>
/// <code>
/// public sealed class BookingTests : FakeRoomsFixture
/// {
///     [Test]
///     public async Task Booking_creates_a_group_room()
///     {
///         await RoomResource.CreateAsync(uniqueName: "standup", client: Twilio);
///         Fake.Should().HaveCreatedRoom("standup").WithType("group");
///     }
/// }
/// </code>
/// </example>
public abstract class FakeRoomsFixture
{
    private FakeRoomsServer? _fake;
    private TwilioRestClient? _twilio;
    private int _running;

    /// <summary>The fixture's fake (started in <c>[OneTimeSetUp]</c>).</summary>
    protected FakeRoomsServer Fake => _fake ?? throw NotStarted();

    /// <summary>The fake's default account: its credentials, calls and rooms.</summary>
    protected FakeRoomsAccount Account => Fake.ForAccount(Fake.AccountSid);

    /// <summary>The official Twilio SDK client, authenticated as the default account and wired to the fake.</summary>
    protected TwilioRestClient Twilio => _twilio ?? throw NotStarted();

    /// <summary>Changes the fake's options before it starts (seed, start time, validation profile...).</summary>
    /// <param name="options">The options, with their defaults.</param>
    protected virtual void Configure(FakeRoomsOptions options)
    {
    }

    /// <summary>Starts the fake. NUnit runs it before the fixture's first test.</summary>
    [OneTimeSetUp]
    public async Task StartFakeRoomsAsync()
    {
        _fake = await FakeRoomsServer.StartAsync(Configure);
        _twilio = _fake.CreateTwilioClient();
        // Where to look while the fixture runs (or when a test hangs): the fake's inspector page.
        if (_fake.InspectorUrl is { } inspector)
            TestContext.Progress.WriteLine($"FakeRooms inspector for {GetType().Name}: {inspector}");
    }

    /// <summary>Forgets every room and call before each test, and refuses to share the fake between parallel tests.</summary>
    [SetUp]
    public void ResetFakeRooms()
    {
        if (Interlocked.Increment(ref _running) > 1)
        {
            Interlocked.Decrement(ref _running);
            throw new InvalidOperationException(
                $"The tests of {GetType().Name} ran in parallel, but a {nameof(FakeRoomsFixture)} has one fake that it resets before "
                + $"each test. Remove ParallelScope.Children/All from this fixture, or derive from {nameof(SharedFakeRoomsTest)}, "
                + "where every test leases its own account.");
        }
        Fake.Reset();
    }

    /// <summary>Marks the end of a test.</summary>
    [TearDown]
    public void EndFakeRoomsTest() => Interlocked.Decrement(ref _running);

    /// <summary>Stops the fake. NUnit runs it after the fixture's last test.</summary>
    [OneTimeTearDown]
    public async Task StopFakeRoomsAsync()
    {
        if (_fake is not null)
            await _fake.DisposeAsync();
        _fake = null;
        _twilio = null;
    }

    private static InvalidOperationException NotStarted() =>
        new("The fake starts in the fixture's [OneTimeSetUp]; it is not available in constructors or static members.");
}
