using System.Reflection;
using PublicApiGenerator;

namespace FakeRooms.FluentAssertions.Tests;

/// <summary>
/// The public API of every FakeRooms package, held against an approved copy, so that an API change is a visible,
/// reviewed diff. After an intended change: <c>FAKEROOMS_UPDATE_API=1 dotnet test --filter PublicApiApprovalTests</c>.
/// </summary>
public sealed class PublicApiApprovalTests
{
    private static IEnumerable<TestCaseData> Packages()
    {
        yield return new TestCaseData(typeof(FakeRoomsServer).Assembly).SetArgDisplayNames("FakeRooms");
        yield return new TestCaseData(typeof(FakeRooms.Domain.Rooms.Room).Assembly).SetArgDisplayNames("FakeRooms.Domain");
        // Linked into FakeRooms.AwesomeAssertions.Tests too, where this is FakeRooms.AwesomeAssertions (same source).
        yield return new TestCaseData(typeof(FakeRoomsAssertionExtensions).Assembly).SetArgDisplayNames(typeof(FakeRoomsAssertionExtensions).Assembly.GetName().Name!);
        yield return new TestCaseData(typeof(FakeRooms.NUnit.FakeRoomsFixture).Assembly).SetArgDisplayNames("FakeRooms.NUnit");
        yield return new TestCaseData(typeof(FakeRooms.AspNetCore.FakeRoomsServiceCollectionExtensions).Assembly).SetArgDisplayNames("FakeRooms.AspNetCore");
    }

    [TestCaseSource(nameof(Packages))]
    public void Public_api_matches_the_approved_copy(Assembly assembly)
    {
        var api = assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Runtime.CompilerServices.InternalsVisibleToAttribute", "System.Reflection.AssemblyMetadataAttribute"] })
            .ReplaceLineEndings("\n");
        var approved = Path.Combine(SourceDirectory(), "PublicApi", assembly.GetName().Name + ".approved.txt");

        if (Environment.GetEnvironmentVariable("FAKEROOMS_UPDATE_API") == "1" || !File.Exists(approved))
        {
            File.WriteAllText(approved, api);
            if (Environment.GetEnvironmentVariable("FAKEROOMS_UPDATE_API") != "1")
                Assert.Fail($"No approved API for {assembly.GetName().Name}: wrote {approved}; review and commit it.");
        }

        api.Should().Be(File.ReadAllText(approved).ReplaceLineEndings("\n"),
            "the public API of {0} changed; if intended, run FAKEROOMS_UPDATE_API=1 dotnet test --filter PublicApiApprovalTests and commit the diff",
            assembly.GetName().Name);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path)!;
}
