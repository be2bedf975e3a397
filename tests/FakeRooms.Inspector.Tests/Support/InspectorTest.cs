using Microsoft.Playwright;
using NUnit.Framework.Interfaces;
using Twilio.Clients;
using Browser = FakeRooms.Inspector.Tests.Browser;

namespace FakeRooms.Inspector.Tests.Support;

/// <summary>
/// A fake per fixture (manual clock, fixed seed and start), reset before every test; a fresh browser page per test at
/// 1400x900, whose screenshot is attached to the test's result (the artifact of every run).
/// </summary>
public abstract class InspectorTest
{
    /// <summary>The start of every fixture's clock.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    /// <summary>How long a page may take to show something: polling runs every second.</summary>
    protected const float WaitMs = 10_000;

    protected FakeRoomsServer Fake { get; private set; } = null!;
    protected TwilioRestClient Twilio { get; private set; } = null!;
    protected IBrowserContext? Context { get; private set; }
    protected IPage Page { get; private set; } = null!;
    private readonly List<string> _pageErrors = [];

    [OneTimeSetUp]
    public async Task StartFakeAsync()
    {
        Assertions.SetDefaultExpectTimeout(WaitMs);
        Fake = await FakeRoomsServer.StartAsync(options =>
        {
            options.Seed = 7;
            options.StartTime = Start;
        });
        Twilio = Fake.CreateTwilioClient();
    }

    [OneTimeTearDown]
    public async Task StopFakeAsync() => await Fake.DisposeAsync();

    [SetUp]
    public async Task OpenPageAsync()
    {
        Fake.Reset();
        _pageErrors.Clear();
        Context = null;
        Page = null!;
        Context = await Browser.Instance.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            // Only loopback is ever reached: the page's own origin.
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        Context.SetDefaultTimeout(WaitMs);
        Page = await Context.NewPageAsync();
        Page.PageError += (_, error) => _pageErrors.Add(error);
        // A refused call is logged by the browser as a failed resource: that is the fake answering, not a page error.
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                _pageErrors.Add(message.Text);
        };
    }

    [TearDown]
    public async Task ClosePageAsync()
    {
        if (Page is null || Context is null)
            return;   // the setup failed (no browser): its own message says why
        try
        {
            var name = string.Concat(TestContext.CurrentContext.Test.Name.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '-'));
            var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "inspector-screenshots", name + ".png");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
            TestContext.AddTestAttachment(file, "The inspector at the end of the test (1400x900 unless the test resized it)");
        }
        finally
        {
            await Context.CloseAsync();
        }
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Passed)
            _pageErrors.Should().BeEmpty("the inspector's script must run without errors");
    }

    /// <summary>Opens the inspector (optionally at a view such as <c>#/calls</c>) and waits for its first data.</summary>
    protected async Task OpenAsync(string view = "")
    {
        await Page.GotoAsync(Fake.InspectorUrl! + view);
        await Assertions.Expect(Page.Locator("#live.on")).ToBeVisibleAsync(new() { Timeout = WaitMs });
    }

    /// <summary>How the page's header shows a time of the fake's clock.</summary>
    protected static string Clock(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Errors the test caused on purpose (a blocked inline script) are not the page's.</summary>
    protected void ForgetPageErrors() => _pageErrors.Clear();
}
