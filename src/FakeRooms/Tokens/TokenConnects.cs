using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Rooms;
using FakeRooms.Wire;

namespace FakeRooms.Tokens;

/// <summary>
/// Connects simulated clients with the Access Token the app minted: checks it (<see cref="AccessTokenCheck"/>),
/// finds or creates the room, joins, and keeps every attempt for the tests (bounded like the call journal).
/// </summary>
internal sealed class TokenConnects
{
    private readonly FakeRoomsServer _server;
    private readonly CreateRoom? _adHoc;
    private readonly Lock _gate = new();
    private readonly Queue<TokenConnect> _kept = new();
    private readonly int _capacity;

    public TokenConnects(FakeRoomsServer server)
    {
        _server = server;
        _capacity = Math.Max(0, server.Options.JournalCapacity);
        _adHoc = AdHocCommand(server.Options);
        server.Resetting += Forget;
    }

    /// <summary>Every attempt kept, oldest first: a snapshot, copied once, that later attempts do not change.</summary>
    public IReadOnlyList<TokenConnect> All
    {
        get
        {
            lock (_gate)
                return Array.AsReadOnly(_kept.ToArray());
        }
    }

    /// <summary>
    /// Checks the token and joins its identity to the room; records the attempt either way. Throws the Twilio error
    /// of a refusal. <paramref name="account"/>, when given, is the account the caller acts for: a token of another
    /// account is refused with 20103.
    /// </summary>
    public Participant Connect(string? token, string? room, string? account)
    {
        var now = _server.Clock.UtcNow;
        var check = AccessTokenCheck.Check(token, string.IsNullOrEmpty(room) ? null : room, KeyOf, now);
        if (check.Error is null && account is not null && check.AccountSid != account)
            check = check with { Error = AccessTokenCheck.IssuerInvalid, Reason = $"the token is for account {check.AccountSid}, not {account}" };
        if (check.Error is { } refused)
        {
            Record(new TokenConnect(now, false, refused.Code, refused.Message, check.Reason, check.AccountSid, check.Identity, room, null, null, null, check.ApiKeySid, false));
            throw new TwilioErrorException(refused);
        }

        try
        {
            var (participant, created) = _server.Backend.Run(check.AccountSid!, s => s.ConnectOrCreate(check.Room!, check.Identity!, _adHoc));
            Record(new TokenConnect(now, true, null, null, null, check.AccountSid, check.Identity, room, check.Room, participant.RoomSid,
                participant.Sid, check.ApiKeySid, created));
            return participant;
        }
        catch (TwilioErrorException e)
        {
            var reason = e.Error.Code == TwilioErrors.RoomNotFound.Code && _adHoc is null
                ? $"no room \"{check.Room}\" is in progress and client-side room creation is off"
                : e.Error.Message;
            Record(new TokenConnect(now, false, e.Error.Code, e.Error.Message, reason, check.AccountSid, check.Identity, room, check.Room, null, null,
                check.ApiKeySid, false));
            throw;
        }
    }

    private (string Secret, string AccountSid)? KeyOf(string sid) =>
        _server.Options.ApiKeys.TryGetValue(sid, out var secret) ? (secret, _server.AccountSid) : null;

    private void Record(TokenConnect attempt)
    {
        lock (_gate)
        {
            if (_capacity == 0)
                return;
            if (_kept.Count == _capacity)
                _kept.Dequeue();
            _kept.Enqueue(attempt);
        }
    }

    private void Forget(string? account)
    {
        lock (_gate)
        {
            if (account is null)
            {
                _kept.Clear();
                return;
            }
            var others = _kept.Where(c => c.AccountSid != account).ToList();
            _kept.Clear();
            foreach (var c in others)
                _kept.Enqueue(c);
        }
    }

    /// <summary>
    /// The room a client-side connect creates, from the options (Twilio console "Room Settings"); null when
    /// client-side room creation is off. Ad-hoc rooms end as soon as their last participant leaves: their
    /// EmptyRoomTimeout is 0 and cannot be changed (Twilio changelog, Dec 15, 2021; FACTS §2).
    /// </summary>
    private static CreateRoom? AdHocCommand(FakeRoomsOptions options)
    {
        var settings = options.AdHocRooms;
        if (!settings.Enabled)
            return null;
        if (!Enum.IsDefined(settings.Type))
            throw new ArgumentException($"FakeRoomsOptions.AdHocRooms.Type '{settings.Type}' is not a room type (group, group-small, peer-to-peer, go).", nameof(options));
        var type = (RoomType)settings.Type;
        if (settings.StatusCallback is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new ArgumentException($"FakeRoomsOptions.AdHocRooms.StatusCallback '{url}' is not an absolute http(s) URL.", nameof(options));
        if (settings.StatusCallbackMethod is not ("GET" or "POST"))
            throw new ArgumentException($"FakeRoomsOptions.AdHocRooms.StatusCallbackMethod '{settings.StatusCallbackMethod}' is not GET or POST.", nameof(options));
        return new CreateRoom
        {
            Type = type,
            StatusCallback = settings.StatusCallback,
            StatusCallbackMethod = settings.StatusCallbackMethod,
            EmptyRoomTimeout = 0,
        };
    }
}
