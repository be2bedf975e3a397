// Linked into every test project by tests/Directory.Build.props.
using NUnit.Framework;

[assembly: FakeRooms.Testing.TestTimeout]

namespace FakeRooms.Testing;

/// <summary>
/// A default timeout for every test of the assembly: a deadlock fails its one test after
/// <c>FAKEROOMS_TEST_TIMEOUT_SECONDS</c> (180 by default) instead of eating the CI budget. Long fuzz and soak runs
/// raise it through the same variable. The blame collector (tests/hang.runsettings) is the second guard: it ends a
/// test host that stops making progress for five minutes.
/// </summary>
/// <remarks>
/// NUnit marks <see cref="TimeoutAttribute"/> obsolete on .NET because it cannot abort the thread; it still fails the
/// test and moves on, which is what a hang guard needs (<see cref="CancelAfterAttribute"/> only helps tests that
/// observe its token).
/// </remarks>
#pragma warning disable CS0618
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class TestTimeoutAttribute() : TimeoutAttribute(Milliseconds())
#pragma warning restore CS0618
{
    private static int Milliseconds() =>
        int.TryParse(Environment.GetEnvironmentVariable("FAKEROOMS_TEST_TIMEOUT_SECONDS"), out var seconds) && seconds > 0
            ? checked(seconds * 1000)
            : 180_000;
}
