using System.Globalization;
using FakeRooms.Domain.Errors;
using FakeRooms.Journal;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Control;

/// <summary>
/// The journal as JSON (<c>GET /__fakerooms/calls</c>), filtered by Operation, RoomSid, Status, AccountSid, After (calls
/// after a sequence number, for polling) and Limit (the newest N of those that match).
/// </summary>
internal static class CallsJson
{
    public static string Write(CallJournal journal, CallFilter filter, int? largeRoomMaxParticipants = null)
    {
        var kept = journal.Snapshot();
        var matching = kept.Where(filter.Matches).ToList();
        var calls = new JArray();
        foreach (var call in filter.Limit is { } limit && matching.Count > limit ? matching.Skip(matching.Count - limit) : matching)
            calls.Add(Call(call, largeRoomMaxParticipants));
        return new JObject
        {
            ["calls"] = calls,
            ["count"] = calls.Count,
            ["matching"] = matching.Count,
            ["kept"] = kept.Count,
            ["total_recorded"] = journal.TotalRecorded,
            ["capacity"] = journal.Capacity,
        }.ToString(Formatting.Indented);
    }

    public static JObject Call(CallRecord call, int? largeRoomMaxParticipants = null) => new()
    {
        ["sequence"] = call.Sequence,
        ["time"] = call.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["account_sid"] = call.AccountSid,
        ["operation"] = call.Operation.ToString(),
        ["method"] = call.Method,
        ["path"] = call.Path,
        ["path_parameters"] = JObject.FromObject(call.PathParameters),
        ["query"] = Values(call.Query),
        ["form"] = Values(call.Form),
        ["content_type"] = call.ContentType,
        ["had_non_form_body"] = call.HadNonFormBody,
        ["ignored_parameters"] = new JArray(call.IgnoredParameters.Cast<object>().ToArray()),
        ["status"] = call.StatusCode,
        ["error_code"] = call.ErrorCode,
        ["error_message"] = call.ErrorMessage,
        ["room_sid"] = RoomSidOf(call),
        ["injected_fault"] = call.InjectedFault,
        ["elapsed_ms"] = Math.Round(call.Elapsed.TotalMilliseconds, 3),
        // What real Twilio would reject or silently ignore in this call (the contract report's rules, none ignored).
        ["findings"] = new JArray(ContractCheck.Check([call], NoIgnore, largeRoomMaxParticipants).Select(f => new JObject
        {
            ["rule"] = f.Rule,
            ["parameter"] = f.Parameter,
            ["location"] = f.Location,
            ["message"] = f.Message,
            ["twilio_code"] = f.TwilioCode,
        }).Cast<object>().ToArray()),
    };

    private static readonly IReadOnlySet<string> NoIgnore = new HashSet<string>();

    private static JObject Values(IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        var result = new JObject();
        foreach (var (name, list) in values)
            result[name] = new JArray(list.Cast<object>().ToArray());
        return result;
    }

    /// <summary>The room a call touched: the room it returned, else the room its path named.</summary>
    public static string? RoomSidOf(CallRecord call) =>
        call.Room?.Sid
        ?? call.PathParameters.GetValueOrDefault("RoomSid")
        ?? (call.Operation is Operation.FetchRoom or Operation.UpdateRoom ? call.PathParameters.GetValueOrDefault("Sid") : null);
}

/// <summary>The filters of <c>GET /__fakerooms/calls</c>.</summary>
internal sealed record CallFilter(Operation? Operation, string? RoomSid, int? Status, int? StatusClass, string? AccountSid)
{
    /// <summary>Only calls with a greater sequence number (polling: the last sequence seen).</summary>
    public long? After { get; init; }

    /// <summary>Only the newest this many of the matching calls (1 to 10,000).</summary>
    public int? Limit { get; init; }

    /// <summary>The query parameters of <c>GET /__fakerooms/calls</c> that <see cref="Parse"/> reads.</summary>
    public static IReadOnlyList<Http.Catalogue.ParameterDescription> Parameters =>
    [
        ControlParameters.Enum("Operation", Enum.GetNames<Operation>()),
        ControlParameters.Text("Status"),
        ControlParameters.Text("RoomSid"),
        ControlParameters.AccountSid,
        ControlParameters.Int("After"),
        ControlParameters.Int("Limit", MaxLimit),
    ];

    public static CallFilter Parse(Http.Catalogue.Arguments query)
    {
        Operation? operation = null;
        if (query.Raw("Operation") is { Length: > 0 } rawOperation)
            operation = Enum.TryParse<Operation>(rawOperation, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new TwilioErrorException(new TwilioError(20001, 400,
                    $"Invalid Operation: '{rawOperation}' (one of {string.Join(", ", Enum.GetNames<Operation>())})"));
        int? status = null, statusClass = null;
        if (query.Raw("Status") is { Length: > 0 } rawStatus)
        {
            // 404 matches exactly; 4xx matches every 4xx.
            if (rawStatus.Length == 3 && rawStatus[1..].Equals("xx", StringComparison.OrdinalIgnoreCase) && rawStatus[0] is >= '1' and <= '5')
                statusClass = rawStatus[0] - '0';
            else if (int.TryParse(rawStatus, NumberStyles.None, CultureInfo.InvariantCulture, out var exact))
                status = exact;
            else
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("Status", rawStatus));
        }
        long? after = null;
        if (query.Raw("After") is { Length: > 0 } rawAfter)
            after = long.TryParse(rawAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedAfter)
                ? parsedAfter
                : throw new TwilioErrorException(TwilioErrors.InvalidParameter("After", rawAfter));
        int? limit = null;
        if (query.Raw("Limit") is { Length: > 0 } rawLimit)
            limit = int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedLimit) && parsedLimit is >= 1 and <= MaxLimit
                ? parsedLimit
                : throw new TwilioErrorException(TwilioErrors.OutOfRange("Limit", rawLimit, $"1 to {MaxLimit}"));
        return new CallFilter(operation, query.Raw("RoomSid") is { Length: > 0 } room ? room : null, status, statusClass,
            query.Raw("AccountSid") is { Length: > 0 } account ? account : null) { After = after, Limit = limit };
    }

    private const int MaxLimit = 10_000;

    public bool Matches(CallRecord call) =>
        (After is null || call.Sequence > After) &&
        (Operation is null || call.Operation == Operation) &&
        (Status is null || call.StatusCode == Status) &&
        (StatusClass is null || call.StatusCode / 100 == StatusClass) &&
        (AccountSid is null || call.AccountSid == AccountSid) &&
        (RoomSid is null || CallsJson.RoomSidOf(call) == RoomSid || call.Room?.UniqueName == RoomSid);
}
