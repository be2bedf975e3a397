using System.Collections.Concurrent;
using System.Net;
using FakeRooms.Callbacks;
using FakeRooms.Faults;
using Microsoft.AspNetCore.WebUtilities;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Callbacks;

/// <summary>
/// Status callbacks on a fake shared by parallel tests (NUnit shared mode: one account per test, reset around every
/// test): a room's callbacks keep their order whatever other accounts do, and waits never run the test's predicate
/// under a lock of the fake (issue 14, items 1 and 2).
/// </summary>
public sealed class SharedFakeCallbackTests
{
    private const string AccountA = "AC0000000000000000000000000000000a";
    private const string AccountB = "AC0000000000000000000000000000000b";
    private const string CallbackUrl = "https://app.invalid/twilio/rooms";

    [Test]
    public async Task A_reset_of_another_account_does_not_let_a_rooms_next_callback_overtake_the_one_in_flight()
    {
        // Regression: every reset started new delivery lanes for every room of every account, so B's
        // participant-connected went out while B's room-created was still being answered (the app saw it first).
        using var app = new HoldingApp(hold: r => r.Event == "room-created");
        await using var fake = await StartAsync(app);
        var a = fake.ForAccount(AccountA);
        var b = fake.ForAccount(AccountB);

        var room = await RoomResource.CreateAsync(uniqueName: "lesson", statusCallback: new Uri(CallbackUrl), client: b.CreateTwilioClient());
        await app.Held.Task.WaitAsync(TimeSpan.FromSeconds(10));
        a.Reset();
        b.Rooms.Connect("lesson", "alice");

        fake.CallbackDispatcher.LaneCount.Should().Be(1, "the room's next callback waits in the room's own lane");
        // A callback that overtook would arrive now; give it the chance before the app answers the first one.
        await Task.WhenAny(app.Arrived("participant-connected"), Task.Delay(TimeSpan.FromMilliseconds(500)));
        app.Release();
        await fake.Callbacks.WhenIdleAsync();

        app.Overlaps.Should().BeEmpty("a room's callbacks go out one at a time");
        app.Started.Where(r => r.RoomSid == room.Sid).Select(r => r.Event).Should().Equal("room-created", "participant-connected");
        b.Callbacks.Select(c => c.SequenceNumber).Should().Equal(0, 1);
    }

    [Test]
    public async Task A_reset_of_another_account_leaves_this_accounts_callbacks_pending_and_delivered()
    {
        using var app = new HoldingApp(hold: r => r.Event == "room-created");
        await using var fake = await StartAsync(app);
        var b = fake.ForAccount(AccountB);

        await RoomResource.CreateAsync(uniqueName: "lesson", statusCallback: new Uri(CallbackUrl), client: b.CreateTwilioClient());
        await app.Held.Task.WaitAsync(TimeSpan.FromSeconds(10));
        b.Rooms.Connect("lesson", "alice");
        fake.ForAccount(AccountA).Reset();
        fake.Callbacks.Pending.Should().Be(2);
        app.Release();
        await fake.Callbacks.WhenIdleAsync();

        b.Callbacks.Select(c => c.Event).Should().Equal("room-created", "participant-connected");
        b.Callbacks.Should().OnlyContain(c => c.Outcome == CallbackOutcome.Succeeded);
    }

    [Test]
    public async Task A_wait_whose_predicate_reads_room_state_does_not_deadlock_with_a_delivery_and_a_room_event()
    {
        // Regression: WaitForAsync ran the predicate under the journal's lock. The predicate's fake.Rooms.Find waited
        // for the account's lock, held by a join publishing its event, which waited for the dispatcher's lock, held by a
        // delivery recording its result, which waited for the journal's lock: nothing moved again, no timeout fired.
        using var app = new HoldingApp(hold: r => r.Event == "room-created" && r.Form.GetValueOrDefault("RoomName") == "second");
        await using var fake = await StartAsync(app);
        var client = fake.CreateTwilioClient();
        await RoomResource.CreateAsync(uniqueName: "first", statusCallback: new Uri(CallbackUrl), client: client);
        await fake.Callbacks.WhenIdleAsync();
        await RoomResource.CreateAsync(uniqueName: "second", statusCallback: new Uri(CallbackUrl), client: client);
        await app.Held.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Task? join = null;
        var first = true;
        var wait = Task.Run(() => fake.Callbacks.WaitForAsync(c =>
        {
            if (first)
            {
                first = false;
                // While the predicate runs: the held delivery finishes (and records its result), then a participant
                // joins "first" (its event is published under the account's lock).
                app.Release();
                app.Answered.Task.Wait(TimeSpan.FromSeconds(10));
                Thread.Sleep(200);
                join = Task.Run(() => fake.Rooms.Connect("first", "alice"));
                Thread.Sleep(200);
            }
            return fake.Rooms.Find(c.RoomSid)?.UniqueName == "first" && c.Event == "participant-connected";
        }, TimeSpan.FromSeconds(10)));

        var done = await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(20)));
        done.Should().BeSameAs(wait, "the wait ends, with its match or its timeout");
        (await wait).Event.Should().Be("participant-connected");
        await join!.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task A_predicate_checking_records_already_delivered_runs_outside_the_fakes_locks()
    {
        using var app = new HoldingApp(hold: _ => false);
        await using var fake = await StartAsync(app);
        await RoomResource.CreateAsync(uniqueName: "first", statusCallback: new Uri(CallbackUrl), client: fake.CreateTwilioClient());
        await fake.Callbacks.WhenIdleAsync();
        var probe = new LockProbe(fake);

        var found = await fake.Callbacks.WaitForAsync(c => probe.Check() && c.Event == "room-created");

        found.Event.Should().Be("room-created");
        probe.Blocked.Should().BeEmpty();
    }

    [Test]
    public async Task A_predicate_checking_a_new_delivery_runs_outside_the_fakes_locks()
    {
        using var app = new HoldingApp(hold: _ => false);
        await using var fake = await StartAsync(app);
        var probe = new LockProbe(fake);
        var wait = fake.Callbacks.WaitForAsync(c => probe.Check() && c.Event == "participant-connected");

        await RoomResource.CreateAsync(uniqueName: "first", statusCallback: new Uri(CallbackUrl), client: fake.CreateTwilioClient());
        fake.Rooms.Connect("first", "alice");

        (await wait).Event.Should().Be("participant-connected");
        probe.Checks.Should().BeGreaterThan(0);
        probe.Blocked.Should().BeEmpty();
    }

    [Test]
    public async Task A_predicate_checking_a_dropped_callback_does_not_run_under_the_accounts_lock()
    {
        // A callback over the queue's capacity is recorded as dropped while its event is published, under the account's
        // lock; the predicate used to run right there.
        using var app = new HoldingApp(hold: r => r.Event == "room-created");
        await using var fake = await StartAsync(app, o => o.CallbackQueueCapacity = 1);
        var probe = new LockProbe(fake);
        await RoomResource.CreateAsync(uniqueName: "first", statusCallback: new Uri(CallbackUrl), client: fake.CreateTwilioClient());
        await app.Held.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var wait = fake.Callbacks.WaitForAsync(c => probe.Check() && c.Outcome == CallbackOutcome.Dropped);

        fake.Rooms.Connect("first", "alice");

        (await wait).Event.Should().Be("participant-connected");
        app.Release();
        probe.Blocked.Should().BeEmpty();
    }

    [Test]
    public async Task A_predicate_checking_a_duplicated_callback_runs_outside_the_fakes_locks()
    {
        using var app = new HoldingApp(hold: _ => false);
        await using var fake = await StartAsync(app);
        fake.Faults.OnCallbacks().Once().Duplicate();
        var probe = new LockProbe(fake);
        var wait = fake.Callbacks.WaitForAsync(c => probe.Check() && c.InjectedFault != null);

        await RoomResource.CreateAsync(uniqueName: "first", statusCallback: new Uri(CallbackUrl), client: fake.CreateTwilioClient());

        (await wait).InjectedFault.Should().Contain("first delivery");
        await fake.Callbacks.WhenIdleAsync();
        probe.Blocked.Should().BeEmpty();
    }

    [Test]
    public async Task A_wait_on_records_already_there_returns_the_oldest_match_even_while_new_ones_match()
    {
        using var app = new HoldingApp(hold: _ => false);
        await using var fake = await StartAsync(app);
        var room = await RoomResource.CreateAsync(uniqueName: "first", statusCallback: new Uri(CallbackUrl), client: fake.CreateTwilioClient());
        await fake.Callbacks.WhenIdleAsync();

        var first = true;
        var found = await fake.Callbacks.WaitForAsync(c =>
        {
            if (first)
            {
                // A newer matching record arrives while the old ones are being checked.
                first = false;
                fake.Rooms.Connect("first", "alice");
                fake.Callbacks.WhenIdleAsync().GetAwaiter().GetResult();
            }
            return c.RoomSid == room.Sid;
        });

        found.Event.Should().Be("room-created");
    }

    [Test]
    public async Task A_wait_times_out_with_its_message_while_deliveries_and_resets_go_on()
    {
        using var app = new HoldingApp(hold: _ => false);
        await using var fake = await StartAsync(app);
        var b = fake.ForAccount(AccountB);
        await RoomResource.CreateAsync(uniqueName: "first", statusCallback: new Uri(CallbackUrl), client: b.CreateTwilioClient());

        var wait = fake.Callbacks.WaitForAsync(c => fake.Rooms.Find(c.RoomSid) is not null && c.Event == "room-ended", TimeSpan.FromMilliseconds(300));
        fake.Reset(AccountA);
        b.Rooms.Connect("first", "alice");

        var act = () => wait;
        (await act.Should().ThrowAsync<TimeoutException>()).WithMessage("No status callback matched within 0.3 s.*");
    }

    private static Task<FakeRoomsServer> StartAsync(HoldingApp app, Action<FakeRoomsOptions>? configure = null) =>
        FakeRoomsServer.StartAsync(o =>
        {
            o.Seed = 42;
            o.AuthMode = AuthMode.AnyAccount;
            o.CallbackHandler = app;
            configure?.Invoke(o);
        });

    /// <summary>
    /// Checks, from another thread, that the fake's account lock, dispatcher and journals are free: a predicate calls it
    /// to prove it does not run under any of them (under one, the other thread would block).
    /// </summary>
    private sealed class LockProbe(FakeRoomsServer fake)
    {
        private int _checks;

        public ConcurrentBag<string> Blocked { get; } = [];

        public int Checks => Volatile.Read(ref _checks);

        public bool Check()
        {
            Interlocked.Increment(ref _checks);
            var probes = new (string Name, Action Probe)[]
            {
                ("account lock", () => fake.Rooms.Find("first")),
                ("callback journal", () => _ = fake.Callbacks.Count),
                ("callback dispatcher", () => _ = fake.Callbacks.Pending),
                ("call journal", () => _ = fake.Calls.Count),
            };
            foreach (var (name, probe) in probes)
                if (!Task.Run(probe).Wait(TimeSpan.FromSeconds(3)))
                    Blocked.Add(name);
            return true;
        }
    }

    /// <summary>The app under test, in process: records every callback, holds the ones <paramref name="hold"/> picks until released.</summary>
    private sealed class HoldingApp(Func<HoldingApp.Request, bool> hold) : HttpMessageHandler
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<string, int> _inFlight = new();
        private readonly ConcurrentQueue<Request> _started = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _arrived = new();

        public sealed record Request(string? RoomSid, string Event, IReadOnlyDictionary<string, string> Form);

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The held request was released and is being answered.</summary>
        public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentBag<string> Overlaps { get; } = [];

        public IReadOnlyList<Request> Started => _started.ToArray();

        public Task Arrived(string statusCallbackEvent) =>
            _arrived.GetOrAdd(statusCallbackEvent, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Release() => _release.TrySetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var form = QueryHelpers.ParseQuery(body).ToDictionary(p => p.Key, p => p.Value.ToString());
            var r = new Request(form.GetValueOrDefault("RoomSid"), form["StatusCallbackEvent"], form);
            var key = r.RoomSid ?? "";
            if (_inFlight.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
                Overlaps.Add($"{r.RoomSid} {r.Event}");
            _started.Enqueue(r);
            _arrived.GetOrAdd(r.Event, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            try
            {
                if (hold(r))
                {
                    Held.TrySetResult();
                    await _release.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
                    Answered.TrySetResult();
                }
            }
            finally
            {
                _inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
            }
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }
}
