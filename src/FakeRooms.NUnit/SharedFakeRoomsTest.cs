using System.Collections.Concurrent;
using NUnit.Framework;
using Twilio.Clients;

namespace FakeRooms.NUnit;

/// <summary>
/// Base class of an NUnit fixture whose tests share the assembly's <see cref="SharedFakeRooms"/> fake and may run in
/// parallel (<c>[Parallelizable(ParallelScope.All)]</c>): before each test it leases a fresh account of its own,
/// with its own SDK client, calls and rooms; after the test it forgets that account.
/// </summary>
/// <remarks>
/// The properties read the current test's lease, so they are right even when NUnit runs several tests of one fixture
/// instance at once. The fake's clock is shared by every test: tests that move it belong in a <see cref="FakeRoomsFixture"/>.
/// </remarks>
public abstract class SharedFakeRoomsTest
{
    private static readonly ConcurrentDictionary<string, Lease> Leases = new(StringComparer.Ordinal);

    /// <summary>The shared fake (every test's accounts live on it; assert through <see cref="Account"/>).</summary>
    protected static FakeRoomsServer Server => SharedFakeRooms.Server;

    /// <summary>The current test's own account: its credentials, calls and rooms.</summary>
    protected FakeRoomsAccount Account => Current().Account;

    /// <summary>The official Twilio SDK client, authenticated as the current test's account and wired to the fake.</summary>
    protected TwilioRestClient Twilio => Current().Twilio.Value;

    /// <summary>Leases a fresh account for the test about to run.</summary>
    [SetUp]
    public void LeaseFakeRoomsAccount()
    {
        var test = TestContext.CurrentContext.Test;
        var account = SharedFakeRooms.Lease(test.FullName);
        Leases[test.ID] = new Lease(account, new Lazy<TwilioRestClient>(account.CreateTwilioClient));
    }

    /// <summary>Forgets the test's account: its rooms and calls.</summary>
    [TearDown]
    public void ReleaseFakeRoomsAccount()
    {
        if (Leases.TryRemove(TestContext.CurrentContext.Test.ID, out var lease) && SharedFakeRooms.IsRunning)
            lease.Account.Reset();
    }

    private static Lease Current() =>
        Leases.TryGetValue(TestContext.CurrentContext.Test.ID, out var lease)
            ? lease
            : throw new InvalidOperationException(
                "This test has no FakeRooms account: the account is leased in [SetUp] and released in [TearDown], for the test's own use.");

    private sealed record Lease(FakeRoomsAccount Account, Lazy<TwilioRestClient> Twilio);
}
