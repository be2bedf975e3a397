using System.Reflection;
using System.Xml.Linq;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Tests.Architecture;

/// <summary>
/// Public types of the domain carry XML docs. The compiler already enforces it (GenerateDocumentationFile with
/// warnings as errors turns a missing doc comment into CS1591); this test catches the setting being switched off.
/// </summary>
public sealed class DocumentationTests
{
    [Test]
    public void Every_public_domain_type_has_an_xml_doc_entry()
    {
        var assembly = typeof(RoomRules).Assembly;
        var xml = Path.ChangeExtension(assembly.Location, ".xml");
        File.Exists(xml).Should().BeTrue($"{xml} is generated (GenerateDocumentationFile)");
        var documented = XDocument.Load(xml).Descendants("member").Select(m => (string)m.Attribute("name")!).ToHashSet();

        var missing = assembly.GetExportedTypes()
            .Select(t => "T:" + t.FullName!.Replace('+', '.'))
            .Where(id => !documented.Contains(id))
            .ToList();

        missing.Should().BeEmpty();
    }
}
