using FakeRooms.Control;
using FakeRooms.Domain.State;

namespace FakeRooms;

/// <summary>
/// Every account's rooms, participants, tracks, recordings, compositions, composition hooks and media settings at one
/// moment, from <see cref="FakeRoomsServer.Snapshot"/>. Give it to <see cref="FakeRoomsServer.Restore"/> (of this fake or
/// another) to rebuild exactly that state; store it as JSON with <see cref="ToJson"/> (the format of
/// <c>GET /__fakerooms/state</c>).
/// </summary>
public sealed record FakeRoomsSnapshot
{
    /// <summary>The fake's clock when the snapshot was taken.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Every account that has state, in SID order (internal: the domain's own records; JSON is the public form).</summary>
    internal IReadOnlyList<AccountSnapshot> Accounts { get; init; } = [];

    /// <summary>The SIDs of the accounts that have state, in SID order.</summary>
    public IReadOnlyList<string> AccountSids => Accounts.Select(a => a.AccountSid).ToArray();

    /// <summary>The snapshot as JSON (indented), as <c>GET /__fakerooms/state</c> serves it.</summary>
    public string ToJson() => StateJson.Write(this);

    /// <summary>Reads a snapshot from its JSON form.</summary>
    /// <exception cref="FormatException">The JSON is not a snapshot; the message names the first bad value.</exception>
    public static FakeRoomsSnapshot FromJson(string json) => StateJson.Read(json);
}
