using System.Globalization;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Participants;
using FakeRooms.Http;
using FakeRooms.Http.Catalogue;
using FakeRooms.Validation;
using FakeRooms.Wire;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Control;

/// <summary>What a fixture created.</summary>
internal sealed record FixtureResult(int Rooms, int Participants, int Tracks);

/// <summary>
/// Seed files (<c>--fixture</c>, <c>POST /__fakerooms/fixture</c>): rooms written with the parameters of
/// <c>POST /v1/Rooms</c>, each going through the same parsing and Twilio rules as a real create, plus three seed-only
/// keys: <c>AccountSid</c>, <c>Status</c> (<c>completed</c> ends the room after seeding it) and <c>Participants</c>
/// (identities, or objects with <c>Identity</c>, <c>Status</c> and <c>PublishedTracks</c>). Everything happens at the
/// fake's current time, in file order, with the usual status callbacks.
/// </summary>
internal static class Fixture
{
    private static readonly HashSet<string> SeedKeys = new(StringComparer.Ordinal) { "AccountSid", "Status", "Participants" };

    /// <summary>Applies a seed; on any error nothing of it stays (the state before it is restored).</summary>
    /// <exception cref="FormatException">The seed is not valid; the message names the room and the Twilio error.</exception>
    public static FixtureResult Apply(FakeRoomsServer server, string json)
    {
        JObject root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            root = JObject.Load(reader, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
        }
        catch (JsonException e)
        {
            throw new FormatException($"the fixture is not a JSON object: {e.Message}");
        }
        if (root["rooms"] is not JArray rooms)
            throw new FormatException("the fixture needs a \"rooms\" array");
        var unknownTop = root.Properties().Select(p => p.Name).Where(n => n is not ("rooms" or "$schema" or "description")).ToList();
        if (unknownTop.Count > 0)
            throw new FormatException($"unknown key(s) {string.Join(", ", unknownTop)}: a fixture has \"rooms\" (and optionally \"description\")");

        var before = server.Snapshot();
        try
        {
            int roomCount = 0, participantCount = 0, trackCount = 0;
            foreach (var token in rooms)
            {
                var where = $"rooms[{roomCount}]";
                if (token is not JObject room)
                    throw new FormatException($"{where}: expected an object");
                try
                {
                    var (participants, tracks) = ApplyRoom(server, room);
                    participantCount += participants;
                    trackCount += tracks;
                }
                catch (TwilioErrorException e)
                {
                    throw new FormatException($"{where}{NameOf(room)}: Twilio error {e.Error.Code}: {e.Error.Message}");
                }
                catch (FormatException e)
                {
                    throw new FormatException($"{where}{NameOf(room)}: {e.Message}");
                }
                roomCount++;
            }
            return new FixtureResult(roomCount, participantCount, trackCount);
        }
        catch
        {
            server.Restore(before);
            throw;
        }
    }

    private static OperationDescription CreateRoomOperation => OperationCatalog.Of(Operation.CreateRoom);

    private static string NameOf(JObject room) => room["UniqueName"] is JValue { Type: JTokenType.String } name ? $" ({(string)name!})" : "";

    private static (int Participants, int Tracks) ApplyRoom(FakeRoomsServer server, JObject room)
    {
        var account = room["AccountSid"] is { } a ? Text(a, "AccountSid") : server.AccountSid;
        // Spec pattern of account SIDs: ^AC[0-9a-fA-F]{32}$ (FACTS §1.2), as the other control routes check it.
        if (!Authenticator.IsAccountSid(account))
            throw new FormatException($"AccountSid '{account}' is not an account SID (AC + 32 hex digits)");
        var store = server.Backend.Account(account);
        var options = server.Options;
        var form = ToForm(room);
        var command = CreateRoomParser.Parse(new Arguments(CreateRoomOperation, form, FormValues.Empty), options.Validation, options.LargeRoomMaxParticipants);
        var created = store.Create(command);

        int participants = 0, tracks = 0;
        if (room["Participants"] is { } list)
        {
            if (list is not JArray array)
                throw new FormatException("Participants: expected an array of identities or objects");
            foreach (var item in array)
            {
                var (identity, status, published) = item switch
                {
                    JValue { Type: JTokenType.String } v => ((string)v!, "connected", (JArray?)null),
                    JObject o => (Text(o["Identity"] ?? throw new FormatException("a participant needs an Identity"), "Identity"),
                        o["Status"] is { } s ? Text(s, "Status") : "connected",
                        o["PublishedTracks"] as JArray),
                    _ => throw new FormatException("Participants: expected an identity string or an object"),
                };
                var participant = store.Connect(created.Sid, identity);
                participants++;
                foreach (var trackToken in published ?? [])
                {
                    if (trackToken is not JObject track)
                        throw new FormatException("PublishedTracks: expected objects with Name and Kind");
                    var kindText = track["Kind"] is { } k ? Text(k, "Kind") : "audio";
                    if (!WireNames.TryTrackKind(kindText, out var kind))
                        throw new FormatException($"Kind '{kindText}' is not audio, video or data");
                    var name = Text(track["Name"] ?? throw new FormatException("a track needs a Name"), "Name");
                    store.Publish(created.Sid, participant.Sid, kind, name);
                    if (track["Enabled"] is { Type: JTokenType.Boolean } enabled && !(bool)enabled)
                        store.SetTrackEnabled(created.Sid, participant.Sid, name, false);
                    tracks++;
                }
                if (status == "disconnected")
                    store.Disconnect(created.Sid, participant.Sid);
                else if (status != "connected")
                    throw new FormatException($"participant Status '{status}' is not connected or disconnected");
            }
        }

        if (room["Status"] is { } statusToken)
        {
            var status = Text(statusToken, "Status");
            if (status == "completed")
                store.Complete(created.Sid);
            else if (status != "in-progress")
                throw new FormatException($"Status '{status}' is not in-progress or completed");
        }
        return (participants, tracks);
    }

    /// <summary>The room's create parameters as the form body POST /v1/Rooms would get.</summary>
    private static FormValues ToForm(JObject room)
    {
        var parts = new List<string>();
        foreach (var property in room.Properties())
        {
            if (SeedKeys.Contains(property.Name))
                continue;
            if (CreateRoomOperation.Find(property.Name) is null)
                throw new FormatException($"'{property.Name}' is not a parameter of POST /v1/Rooms (nor AccountSid, Status, Participants)");
            var values = property.Value is JArray array ? array.ToList() : [property.Value];
            foreach (var value in values)
                parts.Add(Uri.EscapeDataString(property.Name) + "=" + Uri.EscapeDataString(FormText(value, property.Name)));
        }
        return FormValues.Parse(string.Join("&", parts));
    }

    private static string FormText(JToken value, string name) => value.Type switch
    {
        JTokenType.String => (string)value!,
        // As written: a whole number past 64 bits (a BigInteger to Json.NET) fails the create's own range check.
        JTokenType.Integer => Convert.ToString(((JValue)value).Value, CultureInfo.InvariantCulture) ?? "",
        JTokenType.Float => ((double)value).ToString(CultureInfo.InvariantCulture),
        // The SDKs send booleans in lowercase (FACTS §1.1).
        JTokenType.Boolean => (bool)value ? "true" : "false",
        // Object parameters travel as one JSON string (RecordingRules, FACTS §1.1).
        JTokenType.Object or JTokenType.Array => value.ToString(Formatting.None),
        _ => throw new FormatException($"{name}: unsupported value {value}"),
    };

    private static string Text(JToken token, string name) =>
        token.Type == JTokenType.String ? (string)token! : throw new FormatException($"{name}: expected a string");
}
