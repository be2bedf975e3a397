using FakeRooms.Inspector.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FakeRooms.Inspector.Tests;

/// <summary>The screenshot kept with every run, and the one in docs/ (its own fixture: a fresh fake, calls from #1).</summary>
public sealed class InspectorScreenshotTests : InspectorTest
{
    [Test]
    public async Task Screenshot_at_1400x900()
    {
        await InspectorLayoutTests.Seed(Fake, Twilio);
        await OpenAsync();
        await Expect(Page.Locator("#latest-calls-list tbody tr")).ToHaveCountAsync(8);

        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "inspector-1400x900.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
        TestContext.AddTestAttachment(file, "The inspector's rooms view at 1400x900");
        new FileInfo(file).Length.Should().BeGreaterThan(20_000);

        // FAKEROOMS_UPDATE_SCREENSHOT=1 refreshes the one in docs/ (README shows it).
        if (Environment.GetEnvironmentVariable("FAKEROOMS_UPDATE_SCREENSHOT") == "1")
            File.Copy(file, Path.Combine(RepositoryRoot(), "docs", "inspector.png"), overwrite: true);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FakeRooms.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("FakeRooms.sln not found above " + AppContext.BaseDirectory);
    }
}
