using NUnit.Framework;

namespace FakeRooms.NUnit;

/// <summary>
/// Starts the <see cref="SharedFakeRooms"/> fake once for the whole test assembly and stops it at the end. Derive a
/// <c>[SetUpFixture]</c> from it outside any namespace (NUnit runs a set-up fixture for the tests of its namespace),
/// and override <see cref="Configure"/> to change the options; the auth mode is always
/// <see cref="AuthMode.AnyAccount"/>.
/// </summary>
/// <example>
/// <code>
/// [SetUpFixture]
/// public sealed class FakeRoomsSetUp : SharedFakeRoomsSetUp { }
/// </code>
/// </example>
public abstract class SharedFakeRoomsSetUp
{
    /// <summary>Changes the shared fake's options before it starts.</summary>
    /// <param name="options">The options, with their defaults.</param>
    protected virtual void Configure(FakeRoomsOptions options)
    {
    }

    /// <summary>Starts the shared fake. NUnit runs it before the first test of the set-up fixture's namespace.</summary>
    [OneTimeSetUp]
    public Task StartSharedFakeRoomsAsync() => SharedFakeRooms.StartAsync(Configure);

    /// <summary>Stops the shared fake after the last test.</summary>
    [OneTimeTearDown]
    public Task StopSharedFakeRoomsAsync() => SharedFakeRooms.StopAsync();
}
