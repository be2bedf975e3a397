using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Tests.Rooms;

public sealed class PagingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static NewestFirstIndex<(DateTimeOffset, long)> Index(int count, int secondsApart = 1)
    {
        var index = new NewestFirstIndex<(DateTimeOffset, long)>(x => x);
        for (var i = 1; i <= count; i++)
            index.Add((T0.AddSeconds(i / secondsApart), i));
        return index;
    }

    [Test]
    public void Pages_walk_newest_first_without_gaps_or_repeats_forward_and_back()
    {
        var index = Index(120, secondsApart: 7);
        var seen = new List<long>();
        var pages = new List<ListPage<long>>();
        PageCursor? cursor = null;
        do
        {
            var page = Paging.Page(index, x => x, x => x.Item2, 50, cursor);
            pages.Add(page);
            seen.AddRange(page.Items);
            cursor = page.Next;
        } while (cursor is not null);

        seen.Should().Equal(Enumerable.Range(1, 120).Reverse().Select(i => (long)i));
        pages.Select(p => p.Items.Count).Should().Equal(50, 50, 20);
        pages[0].Previous.Should().BeNull();
        var back = Paging.Page(index, x => x, x => x.Item2, 50, pages[2].Previous);
        back.Items.Should().Equal(pages[1].Items);
    }

    [Test]
    public void Date_bounds_are_inclusive_after_and_exclusive_before()
    {
        var index = Index(10);

        var page = Paging.Page(index, x => x, x => x.Item2, 50, null, T0.AddSeconds(3), T0.AddSeconds(6));

        page.Items.Should().Equal(5L, 4L, 3L);
        page.Next.Should().BeNull();
    }

    [Test]
    public void Removing_keeps_order()
    {
        var index = Index(5);
        index.Remove((T0.AddSeconds(3), 3)).Should().BeTrue();
        index.Add((T0.AddSeconds(3), 3));
        index.Remove((T0.AddSeconds(4), 4));

        index.Select(x => x.Item2).Should().Equal(5L, 3L, 2L, 1L);
    }

    [Test]
    public void Dropping_the_oldest_again_and_again_keeps_order_indexes_and_pages()
    {
        var index = Index(100);
        for (var i = 0; i < 60; i++)
            index.Remove(index.Oldest).Should().BeTrue();
        for (var i = 101; i <= 130; i++)
            index.Add((T0.AddSeconds(i), i));

        index.Count.Should().Be(70);
        index.Oldest.Item2.Should().Be(61);
        index[0].Item2.Should().Be(130);
        index[69].Item2.Should().Be(61);
        index.Select(x => x.Item2).Should().Equal(Enumerable.Range(61, 70).Reverse().Select(i => (long)i));
        FluentActions.Invoking(() => index[70]).Should().Throw<ArgumentOutOfRangeException>();
        var page = Paging.Page(index, x => x, x => x.Item2, 50, null, T0.AddSeconds(61), T0.AddSeconds(65));
        page.Items.Should().Equal(64L, 63L, 62L, 61L);
    }

    [Test]
    public void Removing_near_either_end_and_adding_an_older_item_keep_order()
    {
        var index = Index(40);
        index.Remove((T0.AddSeconds(1), 1));
        index.Remove((T0.AddSeconds(3), 3));
        index.Remove((T0.AddSeconds(39), 39));
        index.Add((T0.AddSeconds(1), 1));
        index.Remove((T0.AddSeconds(99), 99)).Should().BeFalse();

        index.Select(x => x.Item2).Should().Equal(new long[] { 40 }.Concat(Enumerable.Range(4, 35).Reverse().Select(i => (long)i)).Concat([2L, 1L]));
        index.Oldest.Item2.Should().Be(1);
    }
}
