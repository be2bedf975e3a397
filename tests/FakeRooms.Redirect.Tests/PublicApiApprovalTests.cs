using PublicApiGenerator;

namespace FakeRooms.Redirect.Tests;

/// <summary>
/// The package's public API against its approved copy (PublicApi/FakeRooms.Redirect.approved.txt), as
/// tests/FakeRooms.FluentAssertions.Tests does for the core packages (its extensions live in Microsoft.Extensions.DependencyInjection, which the generator leaves out by default); kept here so the core suite does not reference
/// this package. FAKEROOMS_UPDATE_API=1 rewrites the copy.
/// </summary>
public sealed class PublicApiApprovalTests
{
    [Test]
    public void Public_api_matches_the_approved_copy()
    {
        var assembly = typeof(Microsoft.Extensions.DependencyInjection.FakeRoomsRedirectExtensions).Assembly;
        var api = assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Runtime.CompilerServices.InternalsVisibleToAttribute", "System.Reflection.AssemblyMetadataAttribute"], DenyNamespacePrefixes = [] })
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
