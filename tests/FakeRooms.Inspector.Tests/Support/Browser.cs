using Microsoft.Playwright;

// In the root namespace: a SetUpFixture covers the tests of its namespace and below.
namespace FakeRooms.Inspector.Tests;

/// <summary>
/// One headless Chromium for the whole test run: the system's (Debian package <c>chromium</c>), driven by Playwright
/// through <c>ExecutablePath</c>; Playwright's own browser download is never used. Without Chromium every test fails
/// with the reason: CI installs it (<c>apt-get install -y chromium</c>), a skipped browser suite would hide a broken page.
/// </summary>
[SetUpFixture]
public sealed class Browser
{
    /// <summary>Where Chromium is looked for; <c>FAKEROOMS_CHROMIUM</c> overrides.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("FAKEROOMS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static IPlaywright? s_playwright;
    private static IBrowser? s_browser;

    /// <summary>The browser (started in the run's one-time setup).</summary>
    public static IBrowser Instance => s_browser ?? throw new InvalidOperationException("The browser did not start.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (!File.Exists(ExecutablePath))
            Assert.Fail($"Chromium is missing at {ExecutablePath}: the inspector's browser tests need it. Install Debian's package " +
                        "(sudo apt-get update && sudo apt-get install -y chromium) or point FAKEROOMS_CHROMIUM at a Chromium binary.");
        // Playwright would fetch its own browsers only from its install script; this run never calls it.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        s_playwright = await Playwright.CreateAsync();
        s_browser = await s_playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Containers run tests as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            Timeout = 60_000,
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (s_browser is not null)
            await s_browser.CloseAsync();
        s_playwright?.Dispose();
    }
}
