namespace FakeRooms.Aspire.Tests;

/// <summary>
/// The public API of FakeRooms.Hosting.Aspire against its approved copy in PublicApi/, kept here so the core suite does not reference
/// this package (tests/Shared/ApprovedApi.cs). FAKEROOMS_UPDATE_API=1 rewrites the copy.
/// </summary>
public sealed class PublicApiApprovalTests
{
    [Test]
    public void Public_api_matches_the_approved_copy() => FakeRooms.Testing.ApprovedApi.Check(typeof(global::Aspire.Hosting.ApplicationModel.FakeRoomsResource).Assembly, everyNamespace: false);
}
