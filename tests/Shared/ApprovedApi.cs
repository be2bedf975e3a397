// Linked into the test projects that hold a package's public API against its approved copy (FakeRooms.FluentAssertions.Tests
// for the core packages; FakeRooms.Redirect.Tests and FakeRooms.Aspire.Tests for theirs, so the core suite references
// neither).
using System.Reflection;
using NUnit.Framework;
using PublicApiGenerator;

namespace FakeRooms.Testing;

/// <summary>
/// A package's public API held against its approved copy (<c>PublicApi/{assembly}.approved.txt</c> beside the calling
/// test), so that an API change is a visible, reviewed diff. After an intended change:
/// <c>FAKEROOMS_UPDATE_API=1 dotnet test --filter PublicApiApprovalTests</c>.
/// </summary>
internal static class ApprovedApi
{
    /// <param name="assembly">The package's assembly.</param>
    /// <param name="everyNamespace">
    /// Also list types in Microsoft.*/System.* namespaces (extension classes placed there, as DI extensions are), which
    /// the generator leaves out by default.
    /// </param>
    /// <param name="callerPath">Set by the compiler: the approved copies live beside the calling test.</param>
    public static void Check(Assembly assembly, bool everyNamespace = false, [System.Runtime.CompilerServices.CallerFilePath] string callerPath = "")
    {
        var options = new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Runtime.CompilerServices.InternalsVisibleToAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        };
        if (everyNamespace)
            options.DenyNamespacePrefixes = [];
        var api = assembly.GeneratePublicApi(options).ReplaceLineEndings("\n");
        var name = assembly.GetName().Name;
        var approved = Path.Combine(Path.GetDirectoryName(callerPath)!, "PublicApi", name + ".approved.txt");
        var update = Environment.GetEnvironmentVariable("FAKEROOMS_UPDATE_API") == "1";

        if (update || !File.Exists(approved))
        {
            File.WriteAllText(approved, api);
            if (!update)
                Assert.Fail($"No approved API for {name}: wrote {approved}; review and commit it.");
        }

        Assert.That(api, Is.EqualTo(File.ReadAllText(approved).ReplaceLineEndings("\n")),
            $"the public API of {name} changed; if intended, run FAKEROOMS_UPDATE_API=1 dotnet test --filter PublicApiApprovalTests and commit the diff");
    }
}
