using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Drift;

/// <summary>One request of the scenario. Paths and bodies may use <c>{name}</c> (the run's prefix) and values captured before.</summary>
/// <param name="Name">Step id, e.g. <c>create-room</c>.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query, with placeholders.</param>
/// <param name="Body">Form body, with placeholders, or null.</param>
/// <param name="Auth">good, wrong or none.</param>
/// <param name="Capture">Name under which this step's <c>sid</c> is kept for later steps.</param>
internal sealed record DriftStep(string Name, string Method, string Path, string? Body = null, string Auth = "good", string? Capture = null);

/// <summary>What one side answered to a step.</summary>
internal sealed record DriftAnswer(int Status, JToken? Json, string Text)
{
    public int? Code => Json is JObject o && o["code"] is JValue { Type: JTokenType.Integer } code ? (int)code : null;
}

/// <summary>
/// The scripted scenario of <c>fakerooms contract-test</c>: every Rooms operation and the Participants reads, the
/// Twilio errors of FACTS §2.8 and §7, a 404 and a 405. It only uses REST calls any Video account can make, and ends
/// every room it creates.
/// </summary>
internal static partial class DriftScenario
{
    public const string MissingRoom = "RM00000000000000000000000000000000";
    public const string MissingParticipant = "PA00000000000000000000000000000000";

    public static readonly IReadOnlyList<DriftStep> Steps =
    [
        new("create-room", "POST", "/v1/Rooms", "UniqueName={prefix}-a&Type=group&MaxParticipants=10&EmptyRoomTimeout=10&UnusedRoomTimeout=10", Capture: "a"),
        new("create-room-with-defaults", "POST", "/v1/Rooms", "", Capture: "b"),
        new("fetch-room-by-sid", "GET", "/v1/Rooms/{a}"),
        new("fetch-room-by-name", "GET", "/v1/Rooms/{prefix}-a"),
        new("read-rooms-by-name", "GET", "/v1/Rooms?UniqueName={prefix}-a&PageSize=1"),
        new("read-rooms-first-page", "GET", "/v1/Rooms?PageSize=1"),
        new("read-participants", "GET", "/v1/Rooms/{a}/Participants"),
        new("fetch-participant-missing", "GET", "/v1/Rooms/{a}/Participants/" + MissingParticipant),
        new("create-duplicate-name", "POST", "/v1/Rooms", "UniqueName={prefix}-a"),
        new("create-bad-type", "POST", "/v1/Rooms", "Type=huge"),
        new("create-max-participants-not-a-number", "POST", "/v1/Rooms", "MaxParticipants=lots"),
        new("create-max-participants-out-of-range", "POST", "/v1/Rooms", "MaxParticipants=51"),
        new("create-timeout-out-of-range", "POST", "/v1/Rooms", "EmptyRoomTimeout=0"),
        new("create-bad-callback-method", "POST", "/v1/Rooms", "StatusCallbackMethod=PUT"),
        new("create-bad-callback", "POST", "/v1/Rooms", "StatusCallback=not-a-url"),
        new("create-bad-media-region", "POST", "/v1/Rooms", "MediaRegion=mars1"),
        new("create-p2p-with-group-options", "POST", "/v1/Rooms", "Type=peer-to-peer&VideoCodecs=H264"),
        new("create-bad-recording-rules", "POST", "/v1/Rooms", "RecordingRules=%5B%5D"),
        new("fetch-room-missing", "GET", "/v1/Rooms/" + MissingRoom),
        new("read-rooms-page-size-0", "GET", "/v1/Rooms?PageSize=0"),
        new("read-rooms-bad-status", "GET", "/v1/Rooms?Status=open"),
        new("update-room-without-status", "POST", "/v1/Rooms/{a}", ""),
        new("update-room-bad-status", "POST", "/v1/Rooms/{a}", "Status=in-progress"),
        new("update-room-complete", "POST", "/v1/Rooms/{a}", "Status=completed"),
        new("update-room-complete-again", "POST", "/v1/Rooms/{a}", "Status=completed"),
        new("fetch-completed-room-by-sid", "GET", "/v1/Rooms/{a}"),
        new("fetch-completed-room-by-name", "GET", "/v1/Rooms/{prefix}-a"),
        new("read-completed-rooms-by-name", "GET", "/v1/Rooms?Status=completed&UniqueName={prefix}-a"),
        new("read-participants-of-completed-room", "GET", "/v1/Rooms/{a}/Participants?Status=disconnected"),
        new("update-second-room-complete", "POST", "/v1/Rooms/{b}", "Status=completed"),
        new("read-rooms-wrong-credentials", "GET", "/v1/Rooms", Auth: "wrong"),
        new("read-rooms-without-credentials", "GET", "/v1/Rooms", Auth: "none"),
        new("unknown-resource", "GET", "/v1/Nowhere"),
        new("delete-room-not-allowed", "DELETE", "/v1/Rooms/{a}"),
    ];

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    /// <summary>Runs every step against one base URL; a step whose placeholder was not captured gets status 0.</summary>
    public static async Task<IReadOnlyList<DriftAnswer>> RunAsync(string baseUrl, string accountSid, string authToken, string prefix, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var captured = new Dictionary<string, string>(StringComparer.Ordinal) { ["prefix"] = prefix };
        var answers = new List<DriftAnswer>();
        foreach (var step in Steps)
        {
            string? missing = null;
            string Fill(string text, bool escape) => Placeholder().Replace(text, m =>
                captured.TryGetValue(m.Groups[1].Value, out var value) ? (escape ? Uri.EscapeDataString(value) : value) : (missing = m.Value));
            var path = Fill(step.Path, escape: false);
            var body = step.Body is null ? null : Fill(step.Body, escape: true);
            if (missing is not null)
            {
                answers.Add(new DriftAnswer(0, null, $"not run: {missing} was not captured"));
                continue;
            }
            using var request = new HttpRequestMessage(new HttpMethod(step.Method), baseUrl.TrimEnd('/') + path);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (step.Auth != "none")
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{(step.Auth == "wrong" ? authToken + "x" : authToken)}")));
            if (body is not null)
                request.Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JToken? json = null;
            try
            {
                using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
                json = JToken.ReadFrom(reader);
            }
            catch (JsonException)
            {
            }
            if (step.Capture is { } key && json is JObject o && o.Value<string>("sid") is { } sid)
                captured[key] = sid;
            answers.Add(new DriftAnswer((int)response.StatusCode, json, text));
        }
        return answers;
    }
}
