using System.Globalization;

namespace FakeRooms.Tests.Support;

/// <summary>
/// Twilio's JSON date format (<c>yyyy-MM-ddTHH:mm:ssZ</c>, whole seconds, UTC). A fixture's fake keeps one clock for
/// all its tests (Reset does not turn it back), so tests state times relative to <c>Fake.Clock.UtcNow</c>.
/// </summary>
public static class TwilioTime
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The <c>YYYY-MM-DD</c> form the spec's list filters describe.</summary>
    public static string Day(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Moves a fixture's clock forward to the next whole day at 09:00 UTC and returns that time.</summary>
    public static DateTimeOffset MoveToNextDayAtNine(FakeRoomsServer fake)
    {
        var next = new DateTimeOffset(fake.Clock.UtcNow.UtcDateTime.Date.AddDays(1).AddHours(9), TimeSpan.Zero);
        fake.Clock.SetUtcNow(next);
        return next;
    }
}
