using System.Reflection;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Tests.Architecture;

/// <summary>
/// STYLE.md habit 1: the domain knows nothing of transport. Its assembly references no WireMock, JSON, ASP.NET, HTTP
/// or Twilio SDK assembly, and no FakeRooms assembly above it.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Domain = typeof(RoomRules).Assembly;

    private static readonly string[] Forbidden =
    [
        "WireMock", "Newtonsoft", "Microsoft.AspNetCore", "Microsoft.Extensions.Http", "System.Net.Http", "System.Text.Json",
        "Twilio", "FakeRooms",
    ];

    [Test]
    public void Domain_references_no_transport_json_or_sdk_assembly()
    {
        var referenced = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        referenced.Should().NotContain(name => Forbidden.Any(f => name.StartsWith(f, StringComparison.OrdinalIgnoreCase)),
            "FakeRooms.Domain must not know HTTP, JSON, WireMock or the SDK (it references: {0})", string.Join(", ", referenced));
        Domain.GetName().Name.Should().Be("FakeRooms.Domain");
    }

    [Test]
    public void Domain_types_carry_no_wire_names()
    {
        // Wire names (UniqueName as a form field, unique_name as JSON) belong to Validation/Wire/Http: no domain type
        // is annotated for a serializer.
        var attributes = Domain.GetTypes()
            .SelectMany(t => t.GetProperties().SelectMany(p => p.GetCustomAttributes(inherit: false)))
            .Select(a => a.GetType().FullName!)
            .Where(n => n.Contains("Json", StringComparison.Ordinal) || n.Contains("DataMember", StringComparison.Ordinal));

        attributes.Should().BeEmpty();
    }
}
