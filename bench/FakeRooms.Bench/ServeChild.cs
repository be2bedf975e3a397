using System.Globalization;

namespace FakeRooms.Bench;

/// <summary>
/// <c>--serve</c>: a process that hosts one fake with DEFAULT options (journal capacity 10,000, in-progress room quota
/// 10,000, manual clock), so its RSS is the fake's alone. It prints <c>READY url accountSid authToken fetchSid</c>,
/// then answers <c>rss</c> on stdin with <c>RSS kB managedBytes journalCount rooms</c> read from /proc/self/status,
/// and stops when stdin closes.
/// </summary>
internal static class ServeChild
{
    public static async Task<int> RunAsync(bool noQuota = false)
    {
        // --no-quota (for profiling CreateRoom under load): no in-progress room quota; otherwise DEFAULT options.
        await using var fake = await FakeRoomsServer.StartAsync(o =>
        {
            if (noQuota)
                o.MaxInProgressRoomsPerAccount = null;
        });
        var room = fake.Rooms.Create();
        Console.Out.WriteLine($"READY {fake.Url} {fake.AccountSid} {fake.AuthToken} {room.Sid}");
        Console.Out.Flush();
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line.Trim() == "rss")
            {
                var rooms = fake.Rooms.All.Count;
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"RSS {VmRssKb()} {GC.GetTotalMemory(false)} {fake.Calls.Count} {rooms}"));
                Console.Out.Flush();
            }
        }
        return 0;
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
