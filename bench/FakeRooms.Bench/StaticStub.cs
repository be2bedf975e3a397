using WireMock.Server;
using WireMock.Settings;
using WireMockRequest = WireMock.RequestBuilders.Request;
using WireMockResponse = WireMock.ResponseBuilders.Response;

namespace FakeRooms.Bench;

/// <summary>
/// Baseline (a): a static WireMock.Net stub answering CreateRoom, FetchRoom and the list page with the exact bytes the
/// fake answered, with WireMock's DEFAULT settings (only the URL is set, to stay on loopback): its request log is on
/// and unbounded, as a team that stubs Twilio with WireMock gets it out of the box.
/// </summary>
internal sealed class StaticStub : IDisposable
{
    private readonly WireMockServer _server;

    public StaticStub(byte[] createBody, string fetchSid, byte[] fetchBody, byte[] listBody)
    {
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        _server.Given(WireMockRequest.Create().WithPath("/v1/Rooms").UsingPost())
            .RespondWith(WireMockResponse.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(createBody));
        _server.Given(WireMockRequest.Create().WithPath("/v1/Rooms/" + fetchSid).UsingGet())
            .RespondWith(WireMockResponse.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(fetchBody));
        _server.Given(WireMockRequest.Create().WithPath("/v1/Rooms").UsingGet())
            .RespondWith(WireMockResponse.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(listBody));
        Url = _server.Urls[0];
        FetchSid = fetchSid;
    }

    public string Url { get; }

    public string FetchSid { get; }

    /// <summary>Entries in WireMock's request log (unbounded by default).</summary>
    public int LogCount => _server.LogEntries.Count();

    /// <summary>Empties WireMock's request log between runs (the mappings stay).</summary>
    public void ResetLog() => _server.ResetLogEntries();

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }
}
