using FakeRooms.Http;
using FakeRooms.Http.Catalogue;

namespace FakeRooms.Tests.Http;

/// <summary>The catalogue against the <see cref="Operation"/> enum and the route table made from it.</summary>
public sealed class OperationCatalogTests
{
    [Test]
    public void Every_twilio_operation_value_has_one_declaration()
    {
        var twilioOperations = Enum.GetValues<Operation>().Where(o => o is not (Operation.Unknown or Operation.Control));

        OperationCatalog.All.Select(o => o.Operation).Should().BeEquivalentTo(twilioOperations).And.OnlyHaveUniqueItems();
        OperationCatalog.All.Select(o => $"{o.Method} {o.Path}").Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void The_route_table_serves_each_declaration_and_routes_the_rest_to_control()
    {
        var routes = new RouteTable().Routes;

        routes.Where(r => !r.IsControl).Select(r => r.Description).Should().Equal(OperationCatalog.All);
        routes.Where(r => r.IsControl).Should().OnlyContain(r => r.Operation == Operation.Control && r.Template.StartsWith("/__fakerooms/"));
    }

    [Test]
    public void Parameters_take_their_operations_location_and_enums_have_values()
    {
        OperationCatalog.All.Should().OnlyContain(o => o.Parameters.All(p =>
            p.Location == (o.Method == "POST" ? ParameterLocation.Form : ParameterLocation.Query) &&
            (p.Type == ParameterType.Enum) == (p.Values.Count > 0)));
        OperationCatalog.ParameterNames.Should().StartWith(["EnableTurn", "Type", "UniqueName"]).And.OnlyHaveUniqueItems();
    }
}
