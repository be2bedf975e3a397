using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;

namespace FakeRooms.Tests.Robustness;

/// <summary>
/// Issue 14 item 4: a call that names a room by its unique name resolves it and acts on it under one lock. While the
/// name is completed and taken again in a loop, every answer refers to one room: never a room's URL with another room's
/// participants, never a 404 for a participant SID the caller never sent, never 53112 for a name whose new room is in
/// progress. Bounded in count and time.
/// </summary>
[Category("Model")]
[NonParallelizable]
public sealed class OneLockPerOperationTests : FakeRoomsTest
{
    private const string Name = "busy";

    [Test]
    public async Task Calls_by_unique_name_answer_about_one_room_while_the_name_is_completed_and_taken_again()
    {
        var calls = Math.Clamp(FuzzSettings.Count(300), 100, 20_000);
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var problems = new ConcurrentQueue<string>();
        var answers = new ConcurrentDictionary<string, int>();
        void Count(string what) => answers.AddOrUpdate(what, 1, (_, n) => n + 1);

        // The name's room is completed and created again, with a participant publishing a track each time, until the
        // callers have made enough calls (or the time bound passes).
        var recreated = 0;
        var recreator = Task.Run(() =>
        {
            while (answers.Values.Sum() < calls && !stop.IsCancellationRequested)
            {
                try
                {
                    Fake.Rooms.Create(new NewRoom { UniqueName = Name });
                    Fake.Rooms.Connect(Name, "alice").Publish(VideoTrackKind.Audio, "mic");
                    // In progress long enough for the callers to find it now and then.
                    Thread.SpinWait(20_000);
                    Fake.Rooms.Complete(Name);
                }
                catch (TwilioVideoException)
                {
                    // A caller completed the room or kicked alice first.
                }
                recreated++;
            }
        });

        async Task Loop(Func<Task> call)
        {
            while (!recreator.IsCompleted && !stop.IsCancellationRequested)
                await call();
        }

        var callers = new[]
        {
            // Complete by name (SDK): 202, or 20404 when no room of that name is in progress; never 53112.
            Loop(async () =>
            {
                try
                {
                    var room = await RoomResource.UpdateAsync(Name, RoomResource.RoomStatusEnum.Completed, client: Twilio);
                    Count("complete 202");
                    if (room.UniqueName != Name || room.Status != RoomResource.RoomStatusEnum.Completed)
                        problems.Enqueue($"complete answered {room.Sid} {room.UniqueName} {room.Status}");
                }
                catch (ApiException e) when (e.Code == 20404)
                {
                    Count("complete 20404");
                }
                catch (ApiException e)
                {
                    problems.Enqueue($"complete: {e.Status} {e.Code} {e.Message}");
                }
            }),
            // Kick alice by identity (SDK): 202 with alice, or a 20404 about the room or alice; never about a PA SID the
            // caller never sent (the room the second lookup found was not the first one's).
            Loop(async () =>
            {
                try
                {
                    var p = await ParticipantResource.UpdateAsync(Name, "alice", ParticipantResource.StatusEnum.Disconnected, client: Twilio);
                    Count("kick 202");
                    if (p.Identity != "alice")
                        problems.Enqueue($"kick answered {p.Sid} {p.Identity}");
                }
                catch (ApiException e) when (e.Code == 20404 && !e.Message.Contains("/PA", StringComparison.Ordinal))
                {
                    Count("kick 20404");
                }
                catch (ApiException e)
                {
                    problems.Enqueue($"kick: {e.Status} {e.Code} {e.Message}");
                }
            }),
            // List participants by name: the page's URL names the room every participant listed is in.
            Loop(async () =>
            {
                var answer = await Get($"/v1/Rooms/{Name}/Participants");
                if (answer.Status == HttpStatusCode.NotFound)
                {
                    Count("participants 404");
                    return;
                }
                Count("participants 200");
                var json = answer.Json;
                var url = json["meta"]!.Value<string>("url")!;
                foreach (var p in json["participants"]!.Cast<JObject>())
                    if (!url.Contains($"/Rooms/{p.Value<string>("room_sid")}/", StringComparison.Ordinal))
                        problems.Enqueue($"participants page {url} lists {p.Value<string>("sid")} of {p.Value<string>("room_sid")}");
            }),
            // Alice's published tracks: a 404 names what was asked (never a PA SID), and the page is alice's in the room
            // it names.
            Loop(async () =>
            {
                var answer = await Get($"/v1/Rooms/{Name}/Participants/alice/PublishedTracks");
                if (answer.Status == HttpStatusCode.NotFound)
                {
                    Count("tracks 404");
                    if (answer.Json.Value<string>("message")!.Contains("/PA", StringComparison.Ordinal))
                        problems.Enqueue($"tracks 404 about something never asked: {answer.Text}");
                    return;
                }
                Count("tracks 200");
                var json = answer.Json;
                var url = json["meta"]!.Value<string>("url")!;
                foreach (var t in json["published_tracks"]!.Cast<JObject>())
                    if (!url.Contains($"/Rooms/{t.Value<string>("room_sid")}/Participants/{t.Value<string>("participant_sid")}/", StringComparison.Ordinal))
                        problems.Enqueue($"tracks page {url} lists {t.Value<string>("sid")} of {t.Value<string>("participant_sid")}");
            }),
            // Recording rules by name: 200 with the rules, or 20404.
            Loop(async () =>
            {
                var answer = await PostForm($"/v1/Rooms/{Name}/RecordingRules", "Rules=" + Uri.EscapeDataString("[{\"type\":\"exclude\",\"all\":true}]"));
                Count($"rules {(int)answer.Status}");
                if (answer.Status != HttpStatusCode.OK && answer.Json.Value<int>("code") != 20404)
                    problems.Enqueue($"rules: {answer.Text}");
            }),
        };

        await recreator.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(30));
        TestContext.Out.WriteLine($"{recreated} recreations in {clock.Elapsed.TotalSeconds:0.0} s; " +
                                  string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key}: {a.Value}")));

        problems.Should().BeEmpty();
        recreated.Should().BeGreaterThan(0);
        answers.Keys.Should().Contain(["participants 200", "tracks 200"], "the callers met rooms in progress");
    }
}
