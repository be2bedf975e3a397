using Twilio.Clients;
using Twilio.Http;

namespace FakeRooms.NUnit.Tests.App;

/// <summary>
/// Wraps the SDK client to run something right after a matching request, e.g. another instance of the app booking the
/// same room between our fetch and our create. Deterministic: no threads, no timing.
/// </summary>
public sealed class InterleavingClient(ITwilioRestClient inner, Func<Request, bool> after, Action interleave) : ITwilioRestClient
{
    private int _done;

    public string AccountSid => inner.AccountSid;

    public string Region => inner.Region;

    public Twilio.Http.HttpClient HttpClient => inner.HttpClient;

    // The SDK client throws ApiException for error answers (a 404 fetch): interleave after those too.
    public Response Request(Request request)
    {
        try
        {
            return inner.Request(request);
        }
        finally
        {
            Interleave(request);
        }
    }

    public async Task<Response> RequestAsync(Request request)
    {
        try
        {
            return await inner.RequestAsync(request);
        }
        finally
        {
            Interleave(request);
        }
    }

    private void Interleave(Request request)
    {
        if (after(request) && Interlocked.Exchange(ref _done, 1) == 0)
            interleave();
    }
}
