namespace FakeRooms.Tests.Robustness;

/// <summary>
/// Everything a request could change, as the fake's own state export writes it (<c>fake.Snapshot().ToJson()</c>, the
/// <c>GET /__fakerooms/state</c> format): the clock, and for every account its rooms, participants, tracks, recordings,
/// compositions, hooks and settings, with its SID and sequence counters. Resources added to the export later are
/// compared without changes here. Equal state gives equal text.
/// </summary>
public sealed record StateSnapshot(string Json)
{
    public static StateSnapshot Of(FakeRoomsServer fake) => new(fake.Snapshot().ToJson());

    public bool SameAs(StateSnapshot other) => string.Equals(Json, other.Json, StringComparison.Ordinal);

    /// <summary>Where two snapshots first differ, with some context.</summary>
    public string DifferenceFrom(StateSnapshot other)
    {
        var i = 0;
        while (i < Json.Length && i < other.Json.Length && Json[i] == other.Json[i])
            i++;
        var from = Math.Max(0, i - 200);
        return $"first difference at {i}:{Environment.NewLine}  before ...{Slice(Json, from, i)}{Environment.NewLine}  after  ...{Slice(other.Json, from, i)}";
    }

    private static string Slice(string s, int from, int at) => from >= s.Length ? "" : s[from..Math.Min(s.Length, at + 200)];

    public override string ToString() => Json.Length > 600 ? Json[..600] + "..." : Json;
}
