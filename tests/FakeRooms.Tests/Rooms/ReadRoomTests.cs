using System.Net;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Rooms;

/// <summary>
/// ReadRoom (<c>GET /v1/Rooms</c>): filters, newest first, the paging envelope with absolute URLs (FACTS §1.3, §2.4).
/// </summary>
public sealed class ReadRoomTests : FakeRoomsTest
{
    private static readonly string[] MetaKeys =
        ["page", "page_size", "first_page_url", "previous_page_url", "url", "next_page_url", "key"];

    /// <summary>Creates rooms one second apart; returns their SIDs oldest first.</summary>
    private async Task<List<string>> CreateRooms(int count, string body = "")
    {
        var sids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            sids.Add((await CreateRoom(body)).Value<string>("sid")!);
            Fake.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        return sids;
    }

    private async Task<JObject> List(string query = "")
    {
        var answer = await Get("/v1/Rooms" + query);
        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        return answer.Json;
    }

    private static IEnumerable<string> Sids(JObject page) => page["rooms"]!.Select(r => r.Value<string>("sid")!);

    private async Task Complete(string sid) =>
        (await PostForm($"/v1/Rooms/{sid}", "Status=completed")).Status.Should().Be(HttpStatusCode.Accepted);

    [Test]
    public async Task List_with_no_filter_returns_in_progress_rooms_newest_first()
    {
        var sids = await CreateRooms(3);
        await Complete(sids[1]);

        var page = await List();

        Sids(page).Should().Equal(sids[2], sids[0]);
        Fake.Calls.Last().Operation.Should().Be(Operation.ReadRoom);
    }

    [Test]
    public async Task List_items_carry_the_full_room_body()
    {
        await CreateRooms(1);

        var room = (JObject)(await List())["rooms"]![0]!;

        room.Properties().Select(p => p.Name).Should().Equal(CreateRoomTests.SpecRoomProperties);
    }

    [Test]
    public async Task List_with_status_completed_returns_completed_rooms_newest_first()
    {
        var sids = await CreateRooms(3);
        await Complete(sids[0]);
        await Complete(sids[2]);

        var page = await List("?Status=completed");

        Sids(page).Should().Equal(sids[2], sids[0]);
    }

    [Test]
    public async Task List_with_status_in_progress_is_the_default_list()
    {
        var sids = await CreateRooms(2);

        Sids(await List("?Status=in-progress")).Should().Equal(sids[1], sids[0]);
    }

    [Test]
    public async Task List_with_an_unknown_status_returns_20001()
    {
        var answer = await Get("/v1/Rooms?Status=ended");

        answer.ShouldBeTwilioError(400, 20001, "Invalid Status: 'ended'");
    }

    [Test]
    public async Task List_by_unique_name_returns_every_completed_room_that_used_the_name()
    {
        var olders = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var sid = (await CreateRoom("UniqueName=weekly")).Value<string>("sid")!;
            Fake.Clock.Advance(TimeSpan.FromSeconds(1));
            await Complete(sid);
            olders.Add(sid);
        }
        var current = (await CreateRoom("UniqueName=weekly")).Value<string>("sid")!;
        await CreateRoom("UniqueName=other");

        var completed = await List("?Status=completed&UniqueName=weekly");
        var inProgress = await List("?UniqueName=weekly");

        Sids(completed).Should().Equal(olders[2], olders[1], olders[0]);
        Sids(inProgress).Should().Equal(current);
        completed["meta"]!.Value<string>("url").Should()
            .Be($"{Fake.Url}/v1/Rooms?Status=completed&UniqueName=weekly&PageSize=50&Page=0");
    }

    [Test]
    public async Task List_by_unique_name_with_spaces_matches_the_decoded_name()
    {
        var sid = (await CreateRoom("UniqueName=a+b")).Value<string>("sid");

        var page = await List("?UniqueName=a+b");

        Sids(page).Should().Equal(sid);
        page["meta"]!.Value<string>("url").Should().Be($"{Fake.Url}/v1/Rooms?UniqueName=a%20b&PageSize=50&Page=0");
    }

    [Test]
    public async Task List_by_unknown_unique_name_is_empty()
    {
        await CreateRooms(2);

        var page = await List("?UniqueName=nobody");

        page["rooms"]!.Should().BeEmpty();
        page["meta"]!.Value<string>("next_page_url").Should().BeNull();
    }

    // ---- date filters: rooms on four days in a row at 09:00 (all completed by their unused-room timeout).

    private async Task<(List<string> Sids, DateTimeOffset Day0)> RoomsOnFourDays()
    {
        var day0 = TwilioTime.MoveToNextDayAtNine(Fake);
        var sids = new List<string>();
        for (var day = 0; day < 4; day++)
        {
            sids.Add((await CreateRoom()).Value<string>("sid")!);
            Fake.Clock.Advance(TimeSpan.FromDays(1));
        }
        return (sids, day0);
    }

    [Test]
    public async Task Date_created_after_as_a_day_is_inclusive()
    {
        var (sids, day0) = await RoomsOnFourDays();

        Sids(await List($"?Status=completed&DateCreatedAfter={TwilioTime.Day(day0.AddDays(1))}"))
            .Should().Equal(sids[3], sids[2], sids[1]);
    }

    [Test]
    public async Task Date_created_before_as_a_day_is_exclusive()
    {
        var (sids, day0) = await RoomsOnFourDays();

        Sids(await List($"?Status=completed&DateCreatedBefore={TwilioTime.Day(day0.AddDays(2))}"))
            .Should().Equal(sids[1], sids[0]);
    }

    [Test]
    public async Task Date_created_after_as_a_timestamp_includes_a_room_created_at_that_second()
    {
        var (sids, day0) = await RoomsOnFourDays();

        Sids(await List($"?Status=completed&DateCreatedAfter={TwilioTime.Format(day0.AddDays(1))}"))
            .Should().Equal(sids[3], sids[2], sids[1]);
        Sids(await List($"?Status=completed&DateCreatedAfter={TwilioTime.Format(day0.AddDays(1).AddSeconds(1))}"))
            .Should().Equal(sids[3], sids[2]);
    }

    [Test]
    public async Task Date_created_before_as_a_timestamp_excludes_a_room_created_at_that_second()
    {
        var (sids, day0) = await RoomsOnFourDays();

        Sids(await List($"?Status=completed&DateCreatedBefore={TwilioTime.Format(day0.AddDays(2))}"))
            .Should().Equal(sids[1], sids[0]);
        // Percent-encoded colons, as the SDK sends them (FACTS §8.2).
        Sids(await List($"?Status=completed&DateCreatedBefore={Uri.EscapeDataString(TwilioTime.Format(day0.AddDays(2).AddSeconds(1)))}"))
            .Should().Equal(sids[2], sids[1], sids[0]);
    }

    [Test]
    public async Task Date_filters_combine_and_stay_in_the_page_urls_encoded()
    {
        var (sids, day0) = await RoomsOnFourDays();
        var after = TwilioTime.Day(day0.AddDays(1));
        var before = TwilioTime.Format(day0.UtcDateTime.Date.AddDays(3));

        var page = await List($"?Status=completed&DateCreatedAfter={after}&DateCreatedBefore={before}&PageSize=1");

        Sids(page).Should().Equal(sids[2]);
        page["meta"]!.Value<string>("url").Should().Be(
            $"{Fake.Url}/v1/Rooms?Status=completed&DateCreatedAfter={after}&DateCreatedBefore={before.Replace(":", "%3A")}&PageSize=1&Page=0");
        var next = await Send(new HttpRequestMessage(HttpMethod.Get, page["meta"]!.Value<string>("next_page_url")));
        Sids(next.Json).Should().Equal(sids[1]);
        next.Json["meta"]!.Value<string>("next_page_url").Should().BeNull();
    }

    [TestCase("DateCreatedAfter", "yesterday")]
    [TestCase("DateCreatedAfter", "2026-13-01")]
    [TestCase("DateCreatedBefore", "05/01/2026")]
    [TestCase("DateCreatedBefore", "20260105")]
    public async Task Invalid_date_filter_returns_20001(string name, string value)
    {
        var answer = await Get($"/v1/Rooms?{name}={Uri.EscapeDataString(value)}");

        answer.ShouldBeTwilioError(400, 20001, $"Invalid {name}: '{value}'");
    }

    // ---- PageSize

    [TestCase(1)]
    [TestCase(1000)]
    public async Task Page_size_within_1_to_1000_is_accepted(int size)
    {
        await CreateRooms(2);

        var page = await List($"?PageSize={size}");

        page["rooms"]!.Should().HaveCount(Math.Min(size, 2));
        page["meta"]!.Value<int>("page_size").Should().Be(size);
    }

    [TestCase("0", "PageSize is out of range: '0' (allowed: 1 to 1000)")]
    [TestCase("1001", "PageSize is out of range: '1001' (allowed: 1 to 1000)")]
    [TestCase("-3", "PageSize is out of range: '-3' (allowed: 1 to 1000)")]
    [TestCase("abc", "Invalid PageSize: 'abc'")]
    [TestCase("2.5", "Invalid PageSize: '2.5'")]
    public async Task Page_size_outside_1_to_1000_returns_20001(string size, string message)
    {
        var answer = await Get($"/v1/Rooms?PageSize={size}");

        answer.ShouldBeTwilioError(400, 20001, message);
    }

    [TestCase("xyz")]
    [TestCase("PA0000000000000000zz00000000000000")]
    [TestCase("PC00000000000000000000000000000000")]
    [TestCase("PA00000000")]
    public async Task Bad_page_token_returns_20001(string token)
    {
        var answer = await Get($"/v1/Rooms?PageToken={token}");

        answer.ShouldBeTwilioError(400, 20001, $"Invalid PageToken: '{token}'");
    }

    [TestCase("-1")]
    [TestCase("one")]
    public async Task Bad_page_index_returns_20001(string value)
    {
        var answer = await Get($"/v1/Rooms?Page={value}");

        answer.ShouldBeTwilioError(400, 20001, $"Invalid Page: '{value}'");
    }

    // ---- the envelope

    [Test]
    public async Task Meta_has_all_seven_keys_in_order_with_absolute_urls()
    {
        await CreateRooms(1);

        var meta = (JObject)(await List())["meta"]!;

        meta.Properties().Select(p => p.Name).Should().Equal(MetaKeys);
        meta.Value<int>("page").Should().Be(0);
        meta.Value<int>("page_size").Should().Be(50);
        meta.Value<string>("first_page_url").Should().Be($"{Fake.Url}/v1/Rooms?PageSize=50&Page=0");
        meta.Value<string>("url").Should().Be($"{Fake.Url}/v1/Rooms?PageSize=50&Page=0");
        meta["previous_page_url"]!.Type.Should().Be(JTokenType.Null);
        meta["next_page_url"]!.Type.Should().Be(JTokenType.Null);
        meta.Value<string>("key").Should().Be("rooms");
    }

    [Test]
    public async Task Empty_list_still_has_the_full_envelope()
    {
        var page = await List("?Status=completed");

        page.Properties().Select(p => p.Name).Should().Equal("rooms", "meta");
        page["rooms"]!.Should().BeEmpty();
        ((JObject)page["meta"]!).Properties().Select(p => p.Name).Should().Equal(MetaKeys);
    }

    [Test]
    public async Task Next_and_previous_urls_walk_forward_and_back_without_gaps_or_repeats()
    {
        var sids = await CreateRooms(7);
        var newestFirst = Enumerable.Reverse(sids).ToList();

        var pages = new List<JObject> { await List("?PageSize=3") };
        while (pages[^1]["meta"]!.Value<string>("next_page_url") is { } next)
            pages.Add((await Send(new HttpRequestMessage(HttpMethod.Get, next))).Json);

        pages.SelectMany(Sids).Should().Equal(newestFirst);
        pages.Select(p => p["rooms"]!.Count()).Should().Equal(3, 3, 1);
        pages.Select(p => p["meta"]!.Value<int>("page")).Should().Equal(0, 1, 2);
        pages[0]["meta"]!.Value<string>("previous_page_url").Should().BeNull();
        pages[1]["meta"]!.Value<string>("next_page_url").Should().StartWith($"{Fake.Url}/v1/Rooms?PageSize=3&Page=2&PageToken=PA");
        pages[1]["meta"]!.Value<string>("first_page_url").Should().Be($"{Fake.Url}/v1/Rooms?PageSize=3&Page=0");

        // Walk back from the last page.
        var back = new List<JObject> { pages[2] };
        while (back[^1]["meta"]!.Value<string>("previous_page_url") is { } previous)
        {
            previous.Should().Contain("PageToken=PB");
            back.Add((await Send(new HttpRequestMessage(HttpMethod.Get, previous))).Json);
        }
        back.Select(p => Sids(p).ToList()).Should().BeEquivalentTo(pages.Select(p => Sids(p).ToList()).Reverse(),
            o => o.WithStrictOrdering());
        back[^1]["meta"]!.Value<int>("page").Should().Be(0);
    }

    [Test]
    public async Task Page_url_repeats_its_own_token_so_it_can_be_fetched_again()
    {
        await CreateRooms(5);
        var first = await List("?PageSize=2");
        var second = (await Send(new HttpRequestMessage(HttpMethod.Get, first["meta"]!.Value<string>("next_page_url")))).Json;

        var again = (await Send(new HttpRequestMessage(HttpMethod.Get, second["meta"]!.Value<string>("url")))).Json;

        second["meta"]!.Value<string>("url").Should().Be(first["meta"]!.Value<string>("next_page_url"));
        Sids(again).Should().Equal(Sids(second));
    }

    [Test]
    public async Task Rooms_created_while_paging_do_not_shift_the_next_page()
    {
        var sids = await CreateRooms(4);
        var first = await List("?PageSize=2");

        await CreateRooms(3);
        var second = (await Send(new HttpRequestMessage(HttpMethod.Get, first["meta"]!.Value<string>("next_page_url")))).Json;

        Sids(first).Should().Equal(sids[3], sids[2]);
        Sids(second).Should().Equal(sids[1], sids[0]);
    }

    [Test]
    public async Task Rooms_created_in_the_same_second_are_listed_newest_first_by_creation_order()
    {
        var sids = new List<string>();
        for (var i = 0; i < 5; i++)
            sids.Add((await CreateRoom()).Value<string>("sid")!);

        var first = await List("?PageSize=2");
        var all = new List<string>(Sids(first));
        var next = first["meta"]!.Value<string>("next_page_url");
        while (next is not null)
        {
            var page = (await Send(new HttpRequestMessage(HttpMethod.Get, next))).Json;
            all.AddRange(Sids(page));
            next = page["meta"]!.Value<string>("next_page_url");
        }

        all.Should().Equal(Enumerable.Reverse(sids));
    }

    [Test]
    public async Task Unknown_query_parameters_are_ignored_and_recorded()
    {
        await CreateRooms(1);

        var page = await List("?status=completed&Limit=5");

        page["rooms"]!.Should().HaveCount(1, "lower-case 'status' is not the Status filter: Twilio's names are case-sensitive");
        Fake.Calls.Last().IgnoredParameters.Should().Equal("status", "Limit");
    }
}
