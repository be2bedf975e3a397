using System.Net.Http.Headers;
using System.Text;
using FakeRooms.NUnit;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.FluentAssertions.Tests.Support;

/// <summary>
/// A fake per fixture (fixed seed and start time, so SIDs in failure messages are stable), the SDK client, a raw
/// HTTP client for calls the SDK cannot make (misspelled parameters, JSON bodies), and a way to read a failure.
/// </summary>
public abstract class AssertionTest : FakeRoomsFixture
{
    public const string Callback = "https://app.invalid/video/events";

    private HttpClient? _http;

    /// <summary>The fixture's fake, under the name the failure messages show.</summary>
    protected FakeRoomsServer fake => Fake;

    protected HttpClient Http => _http ??= NewHttp();

    /// <summary>The app's status callback endpoint, in process: callbacks never leave the test.</summary>
    protected ReceiverHandler Receiver { get; } = new();

    protected override void Configure(FakeRoomsOptions options)
    {
        options.Seed = 7;
        options.StartTime = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        options.CallbackHandler = Receiver;
    }

    [SetUp]
    public void OpenReceiver()
    {
        Receiver.Release();
        Receiver.Status = System.Net.HttpStatusCode.OK;
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        _http?.Dispose();
        Receiver.Dispose();
    }

    /// <summary>The message of the assertion failure <paramref name="act"/> raises (it must raise one).</summary>
    protected static string FailureOf(Action act)
    {
        try
        {
            act();
        }
        catch (AssertionException e)
        {
            return e.Message.ReplaceLineEndings("\n");
        }
        throw new AssertionException("The assertion passed, but it was expected to fail.");
    }

    protected Task<RoomResource> Create(string? uniqueName = null, RoomResource.RoomTypeEnum? type = null, int? maxParticipants = null,
        string? statusCallback = null) =>
        RoomResource.CreateAsync(uniqueName: uniqueName, type: type, maxParticipants: maxParticipants,
            statusCallback: statusCallback is null ? null : new Uri(statusCallback), client: Twilio);

    /// <summary>
    /// Makes a call the fake must reject and returns the SDK's exception; a call that succeeds fails the test, since
    /// the assertion under test would then be checked against a journal without the rejection it is about.
    /// </summary>
    protected static async Task<ApiException> Rejected(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ApiException e)
        {
            return e;
        }
        throw new AssertionException("The call was expected to be rejected by the fake with a Twilio error, but it succeeded.");
    }

    protected async Task<int> PostForm(string path, string body)
    {
        using var response = await Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
        return (int)response.StatusCode;
    }

    protected async Task<int> PostJson(string path, string json)
    {
        using var response = await Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (int)response.StatusCode;
    }

    protected async Task<int> GetRaw(string pathAndQuery)
    {
        using var response = await Http.GetAsync(pathAndQuery);
        return (int)response.StatusCode;
    }

    private HttpClient NewHttp()
    {
        var client = new HttpClient { BaseAddress = new Uri(Fake.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Fake.AccountSid}:{Fake.AuthToken}")));
        return client;
    }
}
