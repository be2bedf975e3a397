using FakeRooms.Domain.State;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static FakeRooms.Control.StateJsonFields;

namespace FakeRooms.Control;

/// <summary>
/// The JSON form of a <see cref="FakeRoomsSnapshot"/> (<c>GET/PUT /__fakerooms/state</c>, <c>--persist</c> files).
/// Names follow Twilio's resource JSON (snake_case, enum spellings as on the wire); the fake's own bookkeeping
/// (<c>sequence</c>, <c>sid_draws</c>, <c>next_event_number</c>, <c>recording_rules</c>, <c>reconnect_deadline</c>,
/// <c>running_since</c>) rides along. Dates keep their full precision (ISO 8601, UTC). Each resource's mapping:
/// <see cref="RoomStateJson"/>, <see cref="ClientFlowStateJson"/>, <see cref="RecordingStateJson"/>,
/// <see cref="CompositionStateJson"/>; the shared value reading and writing: <see cref="StateJsonFields"/>.
/// </summary>
internal static class StateJson
{
    public const string Format = "fakerooms-state/1";

    public static string Write(FakeRoomsSnapshot snapshot)
    {
        var accounts = new JArray();
        foreach (var account in snapshot.Accounts)
        {
            var rooms = new JArray();
            foreach (var entry in account.Rooms)
                rooms.Add(RoomStateJson.RoomJson(entry));
            var json = new JObject
            {
                ["account_sid"] = account.AccountSid,
                ["sequence"] = account.Sequence,
                ["sid_draws"] = account.SidDraws,
                ["settled_until"] = Date(account.SettledUntil),
                ["rooms"] = rooms,
            };
            WriteMedia(json, account);
            accounts.Add(json);
        }
        var root = new JObject
        {
            ["format"] = Format,
            ["time"] = Date(snapshot.Time),
            ["accounts"] = accounts,
        };
        return root.ToString(Formatting.Indented);
    }

    private static void WriteMedia(JObject account, AccountSnapshot snapshot)
    {
        account["recordings"] = new JArray(snapshot.Recordings.Select(RecordingStateJson.RecordingEntryJson).ToArray<object>());
        account["compositions"] = new JArray(snapshot.Compositions.Select(CompositionStateJson.CompositionJson).ToArray<object>());
        account["composition_hooks"] = new JArray(snapshot.CompositionHooks.Select(CompositionStateJson.HookJson).ToArray<object>());
        account["recording_settings"] = RecordingStateJson.SettingsJson(snapshot.RecordingSettings);
        account["composition_settings"] = RecordingStateJson.SettingsJson(snapshot.CompositionSettings);
    }

    // ------------------------------------------------------------------ reading

    /// <summary>Parses the JSON form; <see cref="FormatException"/> names the first bad value by its JSON path.</summary>
    public static FakeRoomsSnapshot Read(string json)
    {
        JObject root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            root = JObject.Load(reader, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a JSON object: {e.Message}");
        }
        if (Text(root, "format") is { } format && format != Format)
            throw new FormatException($"format '{format}' is not {Format}");
        var time = ReadDate(root, "time") ?? throw Missing(root, "time");
        var accounts = new List<AccountSnapshot>();
        foreach (var account in Array(root, "accounts"))
        {
            var sid = Text(account, "account_sid") ?? throw Missing(account, "account_sid");
            var rooms = Array(account, "rooms").Select(r => RoomStateJson.ReadRoom(r, sid)).ToList();
            accounts.Add(ReadMedia(account, new AccountSnapshot
            {
                AccountSid = sid,
                Rooms = rooms,
                Sequence = Long(account, "sequence") ?? 0,
                SidDraws = Long(account, "sid_draws") ?? 0,
                SettledUntil = ReadDate(account, "settled_until") ?? time,
            }));
        }
        return new FakeRoomsSnapshot { Time = time, Accounts = accounts };
    }

    private static AccountSnapshot ReadMedia(JObject json, AccountSnapshot account) => account with
    {
        Recordings = Array(json, "recordings").Select(r => RecordingStateJson.ReadRecordingEntry(r, account.AccountSid)).ToList(),
        Compositions = Array(json, "compositions").Select(c => CompositionStateJson.ReadComposition(c, account.AccountSid)).ToList(),
        CompositionHooks = Array(json, "composition_hooks").Select(h => CompositionStateJson.ReadHook(h, account.AccountSid)).ToList(),
        RecordingSettings = RecordingStateJson.ReadSettings(json, "recording_settings", account.AccountSid),
        CompositionSettings = RecordingStateJson.ReadSettings(json, "composition_settings", account.AccountSid),
    };
}
