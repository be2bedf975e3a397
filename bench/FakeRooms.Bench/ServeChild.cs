using System.Globalization;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Bench;

/// <summary>
/// <c>--serve fake|stub|aspnet</c>: one server in a process of its own, so each has its own heap and GC and its RSS is
/// its own. Prints <c>READY url user password fetchSid</c>, then answers commands on stdin, one per line:
/// <c>reset</c> (fresh state: 1,000 seeded rooms; prints <c>OK fetchSid</c>) and <c>rss</c> (prints
/// <c>RSS kB managedBytes journalCount rooms allocatedBytes</c>; RSS from /proc/self/status). It stops when stdin closes.
/// </summary>
/// <remarks>
/// The fake runs with DEFAULT options unless <c>--no-quota</c> (no in-progress room quota, for create loads) or
/// <c>--seeded N</c> are given (<c>--real-clock</c> and <c>--persist FILE</c> for the persist phase). The stub is <see cref="StaticStub"/> (WireMock defaults) answering the bytes in the
/// files given by <c>--create/--fetch/--list</c> for room <c>--sid</c>; the ASP.NET Core endpoint takes the fake's
/// credentials with <c>--user/--password</c>.
/// </remarks>
internal static class ServeChild
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        string? Optional(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var kind = Optional("--serve") ?? "fake";
        var seeded = int.Parse(Optional("--seeded") ?? "0", CultureInfo.InvariantCulture);

        switch (kind)
        {
            case "fake":
            {
                var noQuota = args.Contains("--no-quota");
                await using var fake = await FakeRoomsServer.StartAsync(o =>
                {
                    if (noQuota)
                        o.MaxInProgressRoomsPerAccount = null;
                    if (args.Contains("--fixed-time"))
                        o.StartTime = Epoch;
                    // The standalone server's setup: the system clock, and --persist FILE (Persistence/PersistLog.cs).
                    if (args.Contains("--real-clock"))
                        o.TimeProvider = TimeProvider.System;
                    if (Optional("--persist") is { } persist)
                        o.PersistPath = persist;
                });
                string Seed()
                {
                    var first = fake.Rooms.Create(new NewRoom { Type = VideoRoomType.Group });
                    RoomInfo? middle = null;
                    for (var i = 0; i < seeded; i++)
                    {
                        var room = fake.Rooms.Create(new NewRoom { UniqueName = "seed-" + i, Type = VideoRoomType.Group });
                        if (i == seeded / 2)
                            middle = room;
                    }
                    return (middle ?? first).Sid;
                }
                Ready(fake.Url, fake.AccountSid, fake.AuthToken, Seed());
                await Commands(
                    reset: () =>
                    {
                        fake.Reset();
                        return Seed();
                    },
                    journal: () => fake.Calls.Count,
                    rooms: () => fake.Rooms.All.Count);
                return 0;
            }
            case "aspnet":
            {
                await using var asp = await PlainAspNet.StartAsync(Optional("--user")!, Optional("--password")!, Epoch);
                string Seed()
                {
                    var first = asp.Seed();
                    Room? middle = null;
                    for (var i = 0; i < seeded; i++)
                    {
                        var room = asp.Seed("seed-" + i);
                        if (i == seeded / 2)
                            middle = room;
                    }
                    return (middle ?? first).Sid;
                }
                Ready(asp.Url, Optional("--user")!, Optional("--password")!, Seed());
                await Commands(
                    reset: () =>
                    {
                        asp.Reset();
                        return Seed();
                    },
                    journal: () => 0,
                    rooms: () => asp.Count);
                return 0;
            }
            case "stub":
            {
                var sid = Optional("--sid")!;
                using var stub = new StaticStub(
                    File.ReadAllBytes(Optional("--create")!), sid, File.ReadAllBytes(Optional("--fetch")!), File.ReadAllBytes(Optional("--list")!));
                Ready(stub.Url, Optional("--user") ?? "", Optional("--password") ?? "", sid);
                await Commands(
                    reset: () =>
                    {
                        stub.ResetLog();
                        return sid;
                    },
                    journal: () => stub.LogCount,
                    rooms: () => 0);
                return 0;
            }
            default:
                Console.Error.WriteLine($"unknown server kind {kind}");
                return 2;
        }
    }

    private static void Ready(string url, string user, string password, string sid)
    {
        Console.Out.WriteLine($"READY {url} {user} {password} {sid}");
        Console.Out.Flush();
    }

    private static async Task Commands(Func<string> reset, Func<int> journal, Func<int> rooms)
    {
        while (await Console.In.ReadLineAsync() is { } line)
        {
            switch (line.Trim())
            {
                case "reset":
                    var sid = reset();
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    Console.Out.WriteLine("OK " + sid);
                    break;
                case "rss":
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"RSS {VmRssKb()} {GC.GetTotalMemory(false)} {journal()} {rooms()} {GC.GetTotalAllocatedBytes(precise: true)}"));
                    break;
                default:
                    Console.Out.WriteLine("ERROR unknown command");
                    break;
            }
            Console.Out.Flush();
        }
    }

    /// <summary>The resident set size of this process, in kB, from /proc/self/status (Linux).</summary>
    public static long VmRssKb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return -1;
    }
}
