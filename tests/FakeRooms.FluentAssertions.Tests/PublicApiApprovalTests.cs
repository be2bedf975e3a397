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
    public void Public_api_matches_the_approved_copy(Assembly assembly) => FakeRooms.Testing.ApprovedApi.Check(assembly);

    [Test]
    public void The_domain_assembly_has_no_public_types() =>
        typeof(FakeRooms.Domain.Rooms.Room).Assembly.GetExportedTypes().Should().BeEmpty(
            "FakeRooms.Domain is internal; users see the public records in the FakeRooms namespaces");

    [TestCaseSource(nameof(Packages))]
    public void No_public_signature_names_a_domain_type(Assembly assembly) =>
        // Assembly attributes aside: InternalsVisibleTo names the domain's own test project.
        assembly.GeneratePublicApi().Split('\n').Where(line => !line.StartsWith("[assembly:", StringComparison.Ordinal))
            .Should().NotContain(line => line.Contains("FakeRooms.Domain"));
}
