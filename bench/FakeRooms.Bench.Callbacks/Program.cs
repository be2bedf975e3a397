// Callback delivery numbers on loopback: REST create latency with and without a StatusCallback (and with a receiver
// that holds every request), and callbacks delivered per second. Bounded: N rooms per case.
// Run: dotnet run -c Release --project bench/FakeRooms.Bench.Callbacks [rooms]
using System.Diagnostics;
using System.Net;
using FakeRooms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twilio.Rest.Video.V1;

var rooms = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
var holding = false;

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
var receiver = builder.Build();
receiver.Run(async ctx =>
{
    using var reader = new StreamReader(ctx.Request.Body);
    await reader.ReadToEndAsync();
    if (holding)
        await hold.Task;
    ctx.Response.StatusCode = 204;
});
await receiver.StartAsync();
var url = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/cb";

await using var fake = await FakeRoomsServer.StartAsync(o => o.CallbackQueueCapacity = rooms * 2);
var client = fake.CreateTwilioClient();

async Task<(double P50, double P99, double Total)> Creates(string label, Uri? callback)
{
    var latencies = new List<double>(rooms);
    var all = Stopwatch.StartNew();
    for (var i = 0; i < rooms; i++)
    {
        var one = Stopwatch.StartNew();
        await RoomResource.CreateAsync(uniqueName: $"{label}-{i}", statusCallback: callback, client: client);
        latencies.Add(one.Elapsed.TotalMilliseconds);
    }
    latencies.Sort();
    return (latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)], all.Elapsed.TotalMilliseconds);
}

void Print(string label, (double P50, double P99, double Total) r) =>
    Console.WriteLine($"{label,-34} create p50 {r.P50,6:0.000} ms  p99 {r.P99,6:0.000} ms  total {r.Total,8:0} ms for {rooms}");

// Warm-up (JIT, connections).
await Creates("warm", new Uri(url));
await fake.Callbacks.WhenIdleAsync(TimeSpan.FromMinutes(2));
fake.Reset();

Print("no StatusCallback", await Creates("none", null));
fake.Reset();

var withCallbacks = await Creates("cb", new Uri(url));
var drain = Stopwatch.StartNew();
await fake.Callbacks.WhenIdleAsync(TimeSpan.FromMinutes(2));
Print("StatusCallback, receiver answers", withCallbacks);
Console.WriteLine($"{"",-34} all {fake.Callbacks.TotalRecorded} callbacks delivered {drain.Elapsed.TotalMilliseconds:0} ms after the last create; " +
                  $"{fake.Callbacks.TotalRecorded / ((withCallbacks.Total + drain.Elapsed.TotalMilliseconds) / 1000):0} callbacks/s end to end");
fake.Reset();

// Delivery alone: rooms seeded in process (no REST), then drained.
var seeded = Stopwatch.StartNew();
for (var i = 0; i < rooms; i++)
    fake.Rooms.Create(new FakeRooms.Domain.Rooms.CreateRoom { UniqueName = $"seeded-{i}", StatusCallback = url });
var enqueued = seeded.Elapsed.TotalMilliseconds;
await fake.Callbacks.WhenIdleAsync(TimeSpan.FromMinutes(2));
Console.WriteLine($"{"seeded rooms, receiver answers",-34} {rooms} creates+enqueues {enqueued:0} ms; all delivered after {seeded.Elapsed.TotalMilliseconds:0} ms " +
                  $"= {rooms / seeded.Elapsed.TotalSeconds:0} callbacks/s");
fake.Reset();

holding = true;
Print("StatusCallback, receiver holds all", await Creates("held", new Uri(url)));
Console.WriteLine($"{"",-34} pending while held: {fake.Callbacks.Pending}");
holding = false;
hold.TrySetResult();
await fake.Callbacks.WhenIdleAsync(TimeSpan.FromMinutes(2));
await receiver.StopAsync();
