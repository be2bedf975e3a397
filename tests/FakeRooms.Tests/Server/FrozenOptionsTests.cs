using FakeRooms.Tests.Support;
using System.Reflection;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Server;

/// <summary>A fake copies its options at start: the caller's object no longer steers it, and its own copy is frozen.</summary>
public sealed class FrozenOptionsTests
{
    private const string KeySid = "SK0123456789abcdef0123456789abcdef";

    [Test]
    public async Task Changing_the_configured_options_after_start_changes_nothing()
    {
        FakeRoomsOptions? configured = null;
        await using var fake = await FakeRoomsServer.StartAsync(o =>
        {
            o.MaxInProgressRoomsPerAccount = 1;
            o.ApiKeys[KeySid] = "secret";
            configured = o;
        });

        configured!.AuthMode = AuthMode.AnyAccount;
        configured.MaxInProgressRoomsPerAccount = 100;
        configured.ApiKeys.Clear();
        configured.AdHocRooms.Enabled = false;
        configured.MaxRequestBodyBytes = 1;

        fake.Options.Should().NotBeSameAs(configured);
        fake.Options.AuthMode.Should().Be(AuthMode.Strict);
        fake.Options.ApiKeys.Should().ContainKey(KeySid);
        fake.Options.AdHocRooms.Enabled.Should().BeTrue();
        var client = fake.CreateTwilioClient();
        await RoomResource.CreateAsync(uniqueName: "first", client: client);
        var second = () => RoomResource.CreateAsync(uniqueName: "second", client: client);
        await second.ShouldFailWithApiError(429, 53119);
        var other = () => RoomResource.ReadAsync(client: fake.CreateTwilioClient("AC" + new string('1', 32), "any"));
        await other.ShouldFailWithApiError(401, 20003);
        var byKey = await RoomResource.ReadAsync(client: fake.CreateTwilioClient(KeySid, "secret", fake.AccountSid));
        byKey.Should().ContainSingle();
    }

    [Test]
    public async Task The_running_options_refuse_changes()
    {
        await using var fake = await FakeRoomsServer.StartAsync(o => o.Listen = false);

        ((Action)(() => fake.Options.Seed = 2)).Should().Throw<InvalidOperationException>().WithMessage("*cannot change*");
        ((Action)(() => fake.Options.AuthMode = AuthMode.AnyAccount)).Should().Throw<InvalidOperationException>();
        ((Action)(() => fake.Options.AdHocRooms.Type = VideoRoomType.Go)).Should().Throw<InvalidOperationException>();
        ((Action)(() => fake.Options.ApiKeys[KeySid] = "secret")).Should().Throw<NotSupportedException>();
        fake.Options.ApiKeys.IsReadOnly.Should().BeTrue();
        fake.Options.Seed.Should().Be(1);
        fake.Options.AdHocRooms.Type.Should().Be(VideoRoomType.Group);
        fake.Options.ApiKeys.Should().BeEmpty();
    }

    [Test]
    public void The_frozen_copy_keeps_every_setting()
    {
        var options = new FakeRoomsOptions();
        var settable = typeof(FakeRoomsOptions)
            .GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.SetMethod is not null)
            .ToList();
        foreach (var property in settable)
            property.SetValue(options, OtherThan(property.GetValue(options), property.PropertyType));
        options.ApiKeys[KeySid] = "secret";
        options.AdHocRooms.Enabled = false;
        options.AdHocRooms.Type = VideoRoomType.Go;
        options.AdHocRooms.StatusCallback = "https://app.invalid/events";
        options.AdHocRooms.StatusCallbackMethod = "GET";

        var copy = options.FrozenCopy();

        settable.Should().HaveCountGreaterThan(25, "every option with a setter is checked");
        foreach (var property in settable)
            property.GetValue(copy).Should().Be(property.GetValue(options), property.Name);
        copy.ApiKeys.Should().Equal(options.ApiKeys);
        copy.AdHocRooms.Should().BeEquivalentTo(options.AdHocRooms);
        copy.AdHocRooms.Should().NotBeSameAs(options.AdHocRooms);
        options.Seed = 5;
        options.AdHocRooms.Enabled = true;
        copy.Seed.Should().NotBe(5, "the original stays writable and the copy does not follow it");
        copy.AdHocRooms.Enabled.Should().BeFalse();
    }

    /// <summary>A value of <paramref name="type"/> that differs from <paramref name="current"/>.</summary>
    private static object OtherThan(object? current, Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) => (int?)current == 7 ? 8 : 7,
        var t when t == typeof(bool) => !(bool)current!,
        var t when t == typeof(string) => "changed",
        var t when t == typeof(TimeSpan) => TimeSpan.FromSeconds(42),
        var t when t == typeof(DateTimeOffset) => new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
        var t when t.IsEnum => Enum.GetValues(t).Cast<object>().First(v => !v.Equals(current)),
        var t when t == typeof(TimeProvider) => TimeProvider.System,
        var t when t == typeof(HttpMessageHandler) => new HttpClientHandler(),
        var t when t.IsAssignableTo(typeof(Delegate)) => Delegate.CreateDelegate(t, typeof(FrozenOptionsTests).GetMethod(nameof(Ignore), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(t.GetGenericArguments()[0])),
        var t => throw new NotSupportedException($"No test value for {t}: add one here."),
    };

    private static void Ignore<T>(T value)
    {
    }
}
