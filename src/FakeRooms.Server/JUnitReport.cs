using System.Xml.Linq;

namespace FakeRooms.Server;

/// <summary>One JUnit test case: passed when <see cref="Failure"/> is null.</summary>
internal sealed record JUnitCase(string ClassName, string Name, string? Failure = null, string? Details = null);

/// <summary>Writes the JUnit XML that CI servers read (one testsuite).</summary>
internal static class JUnitReport
{
    public static void Write(string path, string suite, IReadOnlyList<JUnitCase> cases)
    {
        var failures = cases.Count(c => c.Failure is not null);
        var document = new XDocument(
            new XElement("testsuites",
                new XAttribute("name", suite), new XAttribute("tests", cases.Count), new XAttribute("failures", failures),
                new XElement("testsuite",
                    new XAttribute("name", suite), new XAttribute("tests", cases.Count), new XAttribute("failures", failures),
                    new XAttribute("errors", 0), new XAttribute("skipped", 0),
                    cases.Select(c => new XElement("testcase",
                        new XAttribute("classname", c.ClassName), new XAttribute("name", c.Name),
                        c.Failure is null ? null : new XElement("failure", new XAttribute("message", c.Failure), c.Details ?? c.Failure))))));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        document.Save(path);
    }
}
