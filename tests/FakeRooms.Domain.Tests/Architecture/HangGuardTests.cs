using NUnit.Framework.Internal;

namespace FakeRooms.Domain.Tests.Architecture;

/// <summary>
/// The hang guard every test project shares (tests/Directory.Build.props): a deadlocked test fails on its own instead
/// of holding CI until its budget runs out.
/// </summary>
public sealed class HangGuardTests
{
    [Test]
    public void Every_test_runs_under_the_default_timeout()
    {
        var expected = int.TryParse(Environment.GetEnvironmentVariable("FAKEROOMS_TEST_TIMEOUT_SECONDS"), out var s) && s > 0
            ? s * 1000
            : 180_000;

        TestExecutionContext.CurrentContext.TestCaseTimeout.Should().Be(expected);
    }

    [Test]
    public void The_test_projects_use_the_blame_hang_guard()
    {
        var settings = Path.Combine(Root(), "tests", "hang.runsettings");

        File.ReadAllText(settings).Should().Contain("CollectDumpOnTestSessionHang TestTimeout=\"5m\"");
        File.ReadAllText(Path.Combine(Root(), "tests", "Directory.Build.props")).Should().Contain("hang.runsettings");
        File.ReadAllText(Path.Combine(Root(), ".ci", "run")).Should().Contain("--blame-hang-timeout");
    }

    private static string Root([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
