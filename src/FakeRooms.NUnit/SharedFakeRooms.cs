using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace FakeRooms.NUnit;

/// <summary>
/// The one fake a test assembly shares, started by a <see cref="SharedFakeRoomsSetUp"/>. It runs in
/// <see cref="AuthMode.AnyAccount"/> mode, and every test leases its own account, so tests running in parallel never
/// see each other's rooms or calls.
/// </summary>
public static class SharedFakeRooms
{
    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<string, int> LeaseCounts = new(StringComparer.Ordinal);
    private static FakeRoomsServer? _server;

    /// <summary>The shared fake.</summary>
    /// <exception cref="InvalidOperationException">No <see cref="SharedFakeRoomsSetUp"/> started it.</exception>
    public static FakeRoomsServer Server => _server ?? throw new InvalidOperationException(
        $"No shared FakeRooms server is running. Add to the test assembly, outside any namespace (or in the namespace of "
        + $"the tests that use it): [SetUpFixture] public sealed class FakeRoomsSetUp : {nameof(SharedFakeRoomsSetUp)} {{ }}");

    /// <summary>True while a shared fake runs.</summary>
    public static bool IsRunning => _server is not null;

    /// <summary>
    /// A fresh account for one test: the SID and token are derived from the server seed, the name (a test's full
    /// name) and how many times that name was leased before, so reruns get the same SIDs. The account starts empty.
    /// </summary>
    /// <param name="name">A name unique to the test, e.g. NUnit's <c>TestContext.CurrentContext.Test.FullName</c>.</param>
    public static FakeRoomsAccount Lease(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var server = Server;
        var count = LeaseCounts.AddOrUpdate(name, 1, static (_, n) => n + 1);
        var scope = $"{server.Options.Seed}:{name}#{count}";
        var account = server.ForAccount("AC" + Hex("account:" + scope), Hex("token:" + scope));
        account.Reset();
        return account;
    }

    internal static async Task StartAsync(Action<FakeRoomsOptions> configure)
    {
        var server = await FakeRoomsServer.StartAsync(options =>
        {
            configure(options);
            // Every test authenticates as its own account.
            options.AuthMode = AuthMode.AnyAccount;
        });
        lock (Gate)
        {
            if (_server is not null)
            {
                server.Dispose();
                throw new InvalidOperationException(
                    $"A shared FakeRooms server is already running: keep one {nameof(SharedFakeRoomsSetUp)} per test assembly.");
            }
            _server = server;
        }
        // Where to look while the suite runs (or when a test hangs): the inspector page of the shared fake.
        if (server.InspectorUrl is { } inspector)
            global::NUnit.Framework.TestContext.Progress.WriteLine($"FakeRooms inspector: {inspector}");
    }

    internal static async Task StopAsync()
    {
        FakeRoomsServer? server;
        lock (Gate)
        {
            server = _server;
            _server = null;
        }
        LeaseCounts.Clear();
        if (server is not null)
            await server.DisposeAsync();
    }

    private static string Hex(string scope) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope)))[..32];
}
