using System.Collections.Concurrent;
using System.Net;
using System.Text;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Rooms;

/// <summary>
/// Parallel creates over HTTP (FACTS §9.2: duplicate-name races are what real apps hit). Parallelism is bounded and one
/// HttpClient is shared, as the brief asks.
/// </summary>
public sealed class CreateRoomConcurrencyTests : FakeRoomsTest
{
    private async Task<(HttpStatusCode Status, string Body)> Post(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await Http.PostAsync("/v1/Rooms", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Sixty_four_parallel_creates_of_one_name_give_one_201_and_63_errors_53113()
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await Post("UniqueName=race");
        })).ToList();
        go.SetResult();

        var answers = await Task.WhenAll(tasks);

        answers.Count(a => a.Status == HttpStatusCode.Created).Should().Be(1);
        var refused = answers.Where(a => a.Status != HttpStatusCode.Created).ToList();
        refused.Should().HaveCount(63).And.OnlyContain(a => a.Status == HttpStatusCode.BadRequest);
        refused.Select(a => Answer.Parse(a.Body).Value<int>("code")).Should().AllBeEquivalentTo(53113);
        Fake.Rooms.All.Should().ContainSingle().Which.UniqueName.Should().Be("race");
        Fake.Calls.Of(Operation.CreateRoom).Count(c => c.ErrorCode == 53113).Should().Be(63);
    }

    [Test]
    public async Task Two_thousand_parallel_creates_of_distinct_names_give_2000_rooms_with_unique_sids()
    {
        const int count = 2000;
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var sids = new ConcurrentBag<string>();

        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var (status, body) = await Post($"UniqueName=room-{i}");
            statuses.Add(status);
            if (status == HttpStatusCode.Created)
                sids.Add(Answer.Parse(body).Value<string>("sid")!);
        });

        statuses.Should().HaveCount(count).And.OnlyContain(s => s == HttpStatusCode.Created);
        sids.Distinct().Should().HaveCount(count);
        Fake.Rooms.All.Should().HaveCount(count);
        Fake.Rooms.All.Select(r => r.UniqueName).Distinct().Should().HaveCount(count);
        Fake.InternalErrors.Should().BeEmpty();
    }

    [Test]
    public async Task Parallel_completes_of_one_room_give_one_202_and_53112_for_the_rest()
    {
        var sid = (await CreateRoom()).Value<string>("sid");
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            using var content = new StringContent("Status=completed", Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await Http.PostAsync($"/v1/Rooms/{sid}", content);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        })).ToList();
        go.SetResult();

        var answers = await Task.WhenAll(tasks);

        answers.Count(a => a.StatusCode == HttpStatusCode.Accepted).Should().Be(1);
        answers.Where(a => a.StatusCode != HttpStatusCode.Accepted)
            .Select(a => Answer.Parse(a.Item2).Value<int>("code")).Should().HaveCount(15).And.AllBeEquivalentTo(53112);
    }
}
