using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server;

/// <summary>
/// <c>fakerooms verify --url http://...</c>: fetches a running fake's client contract report, prints every finding
/// and exits 1 when there is any (0 when there is none, 2 when the fake cannot be read).
/// </summary>
internal static class VerifyCommand
{
    public static async Task<int> RunAsync(Dictionary<string, string> values, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var url = values.GetValueOrDefault("--url", "http://127.0.0.1:5080").TrimEnd('/');
        var ignore = values.GetValueOrDefault("--ignore");
        var reportUrl = url + "/__fakerooms/contract" + (string.IsNullOrEmpty(ignore) ? "" : "?Ignore=" + Uri.EscapeDataString(ignore));
        JObject report;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var response = await http.GetAsync(reportUrl, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                stderr.WriteLine($"fakerooms verify: {reportUrl} answered {(int)response.StatusCode}: {text}");
                return 2;
            }
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            report = JObject.Load(reader);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or UriFormatException or InvalidOperationException)
        {
            stderr.WriteLine($"fakerooms verify: cannot read {reportUrl}: {e.Message}");
            return 2;
        }

        var findings = report["findings"] as JArray ?? [];
        var checkedCalls = report.Value<int>("calls_checked");
        var cases = new List<JUnitCase>();
        foreach (var finding in findings.OfType<JObject>())
        {
            var call = (JObject)finding["call"]!;
            var callText = $"#{call.Value<long>("sequence")} {call.Value<string>("method")} {call.Value<string>("path")} -> {call.Value<int>("status")}";
            var line = $"{callText}: {finding.Value<string>("parameter")} [{finding.Value<string>("rule")}] {finding.Value<string>("message")}";
            stdout.WriteLine(line);
            cases.Add(new JUnitCase($"fakerooms.contract.{call.Value<string>("operation")}",
                $"{callText} {finding.Value<string>("parameter")} [{finding.Value<string>("rule")}]",
                finding.Value<string>("message"), line));
        }
        var notKept = report.Value<long?>("calls_not_kept") ?? 0;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{findings.Count} contract finding(s) in {checkedCalls} call(s) checked{(notKept > 0 ? $" ({notKept} older call(s) were no longer in the journal)" : "")}"));

        if (values.GetValueOrDefault("--junit") is { Length: > 0 } junit)
        {
            if (cases.Count == 0)
                cases.Add(new JUnitCase("fakerooms.contract", string.Create(CultureInfo.InvariantCulture, $"{checkedCalls} call(s) follow Twilio's contract")));
            JUnitReport.Write(junit, "FakeRooms client contract", cases);
        }
        return findings.Count == 0 ? 0 : 1;
    }
}
