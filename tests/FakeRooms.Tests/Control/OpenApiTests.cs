using System.Net;
using FakeRooms.Http;
using FakeRooms.Http.Catalogue;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Control;

public sealed class OpenApiTests : FakeRoomsTest
{
    [Test]
    public async Task Every_control_route_is_in_the_openapi_document_with_its_summary()
    {
        var answer = await Get("/__fakerooms/openapi.json");
        var document = answer.Json;
        var controlRoutes = Fake.Routes.Routes.Where(r => r.IsControl).ToList();

        answer.Status.Should().Be(HttpStatusCode.OK);
        document.Value<string>("openapi").Should().Be("3.0.3");
        document["servers"]![0]!.Value<string>("url").Should().Be(Fake.Url);
        controlRoutes.Should().Contain(r => r.Template == "/__fakerooms/state" && r.Method == "PUT");
        foreach (var route in controlRoutes)
        {
            var operation = document["paths"]?[route.Template]?[route.Method.ToLowerInvariant()] as JObject;
            operation.Should().NotBeNull($"{route.Method} {route.Template} is a control route");
            operation!.Value<string>("summary").Should().Be(route.Summary ?? $"{route.Method} {route.Template}");
        }
        document["paths"]!.Cast<JProperty>().Sum(p => ((JObject)p.Value).Count).Should().Be(controlRoutes.Count);
        document["paths"]!.Cast<JProperty>().Should().OnlyContain(p => p.Name.StartsWith("/__fakerooms/"));
    }

    [Test]
    public void Every_control_route_has_a_summary()
    {
        Fake.Routes.Routes.Where(r => r.IsControl).Should().OnlyContain(r => !string.IsNullOrWhiteSpace(r.Summary));
    }

    [Test]
    public async Task A_control_route_added_to_the_table_appears_in_the_document()
    {
        var routes = new RouteTable();
        routes.Add("GET", "/__fakerooms/things/{Name}", Operation.Control, _ => new HttpResult(200, "{}"), control: true, summary: "A thing.");

        var document = JObject.Parse(FakeRooms.Control.ControlOpenApi.Document(routes, "http://127.0.0.1:1"));

        var operation = document["paths"]!["/__fakerooms/things/{Name}"]!["get"]!;
        operation.Value<string>("summary").Should().Be("A thing.");
        operation.Value<string>("operationId").Should().Be("getThingsByName");
        operation["parameters"]![0]!.Value<string>("in").Should().Be("path");
        await Task.CompletedTask;
    }

    [Test]
    public void The_parameters_a_route_declares_are_in_the_document_with_their_types()
    {
        var routes = new RouteTable();
        routes.Add("GET", "/__fakerooms/things", Operation.Control, _ => new HttpResult(200, "{}"), control: true, summary: "Things.",
            parameters: [new ParameterDescription("Kind", ParameterType.Enum) { Values = ["a", "b"] }, new ParameterDescription("Tag", ParameterType.String).Repeated()]);
        routes.Add("POST", "/__fakerooms/things", Operation.Control, _ => new HttpResult(200, "{}"), control: true, summary: "A thing.",
            parameters: [new ParameterDescription("Name", ParameterType.String).Required(), new ParameterDescription("Seconds", ParameterType.Integer)]);

        var document = JObject.Parse(FakeRooms.Control.ControlOpenApi.Document(routes, "http://127.0.0.1:1"));

        var read = document["paths"]!["/__fakerooms/things"]!["get"]!;
        read["parameters"]!.ToString(Newtonsoft.Json.Formatting.None).Should().Be(
            """[{"name":"Kind","in":"query","required":false,"schema":{"type":"string","enum":["a","b"]}},""" +
            """{"name":"Tag","in":"query","required":false,"schema":{"type":"array","items":{"type":"string"}}}]""");
        var form = document["paths"]!["/__fakerooms/things"]!["post"]!["requestBody"]!["content"]!["application/x-www-form-urlencoded"]!["schema"]!;
        form.ToString(Newtonsoft.Json.Formatting.None).Should().Be(
            """{"type":"object","properties":{"Name":{"type":"string"},"Seconds":{"type":"integer"}},"required":["Name"]}""");
    }

    [Test]
    public async Task The_control_routes_parameters_are_in_the_document()
    {
        var paths = (await Get("/__fakerooms/openapi.json")).Json["paths"]!;

        string FormSchema(string path) =>
            paths[path]!["post"]!["requestBody"]!["content"]!["application/x-www-form-urlencoded"]!["schema"]!.ToString(Newtonsoft.Json.Formatting.None);
        IEnumerable<string> Query(string path) => paths[path]!["get"]!["parameters"]!.Where(p => p.Value<string>("in") == "query").Select(p => p.Value<string>("name")!);

        FormSchema("/__fakerooms/rooms/{Room}/participants").Should().Be(
            """{"type":"object","properties":{"Identity":{"type":"string"},"AccountSid":{"type":"string"}},"required":["Identity"]}""");
        FormSchema("/__fakerooms/rooms/{Room}/participants/{Participant}/tracks").Should().Be(
            """{"type":"object","properties":{"Kind":{"type":"string","enum":["audio","video","data"]},"Name":{"type":"string"},"AccountSid":{"type":"string"}},"required":["Kind","Name"]}""");
        FormSchema("/__fakerooms/clock/advance").Should().Be("""{"type":"object","properties":{"Seconds":{"type":"number"}},"required":["Seconds"]}""");
        FormSchema("/__fakerooms/connect").Should().Contain("\"Token\"").And.Contain("\"required\":[\"Token\"]");
        FormSchema("/__fakerooms/faults").Should().Contain("\"DelayMs\"").And.Contain("\"Probability\"");
        Query("/__fakerooms/calls").Should().Equal("Operation", "Status", "RoomSid", "AccountSid", "After", "Limit");
        Query("/__fakerooms/callbacks").Should().Equal("RoomSid", "Event", "AccountSid", "After", "Limit");
        Query("/__fakerooms/rooms").Should().Equal("AccountSid", "Status", "Limit");
        Query("/__fakerooms/contract").Should().Equal("Ignore");
    }

    [Test]
    public void A_control_handler_that_reads_a_parameter_its_route_does_not_declare_is_a_bug_not_a_silent_miss()
    {
        var routes = new RouteTable();
        routes.Add("POST", "/__fakerooms/things", Operation.Control, ctx => new HttpResult(200, FakeRooms.Control.ControlParameters.Read(ctx, "Color") ?? ""),
            control: true, summary: "A thing.", parameters: [FakeRooms.Control.ControlParameters.Text("Name")]);
        var route = routes.Routes.Single(r => r.Template == "/__fakerooms/things");
        var request = new HttpRequestData
        {
            Method = "POST", RawPath = "/__fakerooms/things", Segments = ["__fakerooms", "things"], Query = FormValues.Empty,
            Form = FormValues.Parse("Color=red"), Origin = "http://127.0.0.1",
        };

        var read = () => route.Handler(new RequestContext(request, Route.NoParameters, Fake, Fake.Url) { Route = route });

        read.Should().Throw<InvalidOperationException>().WithMessage("*declares no parameter Color*");
    }
}
