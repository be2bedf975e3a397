using System.Text;
using Twilio.Clients;

namespace FakeRooms.Server.Tests.Support;

/// <summary>
/// One standalone server per fixture, on a manual clock (<c>--clock manual --quiet</c>), reset through the control API
/// before each test; a control-API client (redirects not followed) and a Twilio SDK client pointed at it.
/// </summary>
public abstract class ManualClockServerTest
{
    protected StandaloneServer Server { get; private set; } = null!;
    protected HttpClient Control { get; private set; } = null!;
    protected TwilioRestClient Twilio { get; private set; } = null!;

    /// <summary>Flags added after <c>--clock manual --quiet</c>.</summary>
    protected virtual string[] ExtraArguments => [];

    [OneTimeSetUp]
    public async Task StartServer()
    {
        Server = await StandaloneServer.StartAsync(["--clock", "manual", "--quiet", .. ExtraArguments]);
        Control = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Server.Url) };
        Twilio = Server.CreateTwilioClient();
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        Control.Dispose();
        await Server.DisposeAsync();
    }

    [SetUp]
    public async Task ResetServer()
    {
        using var response = await PostForm("/__fakerooms/reset");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>POSTs a form body to the server (control API or REST without credentials).</summary>
    protected Task<HttpResponseMessage> PostForm(string path, string body = "") =>
        Control.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
}
