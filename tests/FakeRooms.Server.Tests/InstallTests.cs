using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FakeRooms.Server.Tests.Support;

namespace FakeRooms.Server.Tests;

/// <summary>
/// docs/install.md as a new user follows it, in a fresh directory with an empty package cache (NUGET_PACKAGES):
/// <c>dotnet pack</c> the solution into a folder, the doc's nuget.config, <c>dotnet new nunit</c>, the doc's
/// <c>dotnet add package</c> lines, the doc's first test, <c>dotnet test</c>. The nuget.config and the test are read
/// from the doc itself, so the doc cannot drift from what passes. Packs the already-built assemblies (<c>--no-build</c>).
/// </summary>
[NonParallelizable] // several minutes of restore and build: not beside the other process-heavy tests
public sealed partial class InstallTests
{
    private static readonly string[] Packages =
        ["FakeRooms", "FakeRooms.Domain", "FakeRooms.NUnit", "FakeRooms.FluentAssertions", "FakeRooms.AwesomeAssertions", "FakeRooms.Server",
         "FakeRooms.AspNetCore", "FakeRooms.Redirect", "FakeRooms.Hosting.Aspire"];

    private string _work = "";
    private string _packages = "";
    private string _version = "";
    private readonly List<string> _timings = [];
    private long _started;

    private static string Doc => File.ReadAllText(Path.Combine(Repository.Root, "docs", "install.md"));

    private async Task<(int Exit, string Output)> Run(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // An empty package cache, as on a new machine: only the nuget.config's sources can fill it.
        info.Environment["NUGET_PACKAGES"] = Path.Combine(_work, "nuget-packages");
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        lock (_timings)
            _timings.Add($"{Stopwatch.GetElapsedTime(started).TotalSeconds,5:0.0} s  dotnet {string.Join(' ', args)}");
        return (process.ExitCode, await stdout + await stderr);
    }

    private Task<(int Exit, string Output)> _created = Task.FromResult((0, ""));

    [OneTimeSetUp]
    public async Task Pack_the_solution_into_a_folder()
    {
        _started = Stopwatch.GetTimestamp();
        _work = Directory.CreateTempSubdirectory("fakerooms-install-").FullName;
        _packages = Path.Combine(_work, "packages");
        Doc.Should().Contain("dotnet pack path/to/FakeRooms/FakeRooms.sln -o ./packages").And.Contain("`dotnet new nunit -o MyApp.Tests`");
        // The user's own project exists before they pack: made at the same time, to keep the run short.
        _created = Run(_work, "new", "nunit", "-o", "MyApp.Tests");
        var pack = await Run(_work, "pack", Path.Combine(Repository.Root, "FakeRooms.sln"), "-o", _packages,
            "-c", Repository.Configuration, "--no-build");
        pack.Exit.Should().Be(0, pack.Output);
        _version = Regex.Match(Path.GetFileName(Directory.GetFiles(_packages, "FakeRooms.Server.*.nupkg").Single()), @"^FakeRooms\.Server\.(.+)\.nupkg$").Groups[1].Value;
    }

    [OneTimeTearDown]
    public async Task Clean()
    {
        await _created; // never delete the directory under a running dotnet new
        _created.Dispose();
        TestContext.Progress.WriteLine($"InstallTests timings (whole fixture {Stopwatch.GetElapsedTime(_started).TotalSeconds:0.0} s):"
            + Environment.NewLine + string.Join(Environment.NewLine, _timings));
        if (_work.Length > 0)
            Directory.Delete(_work, recursive: true);
    }

    [Test]
    public void Every_package_has_a_version_description_tags_licence_repository_readme_and_symbols()
    {
        Directory.GetFiles(_packages, "*.nupkg").Select(Path.GetFileName).Should().BeEquivalentTo(Packages.Select(p => $"{p}.{_version}.nupkg"),
            "the solution packs these and nothing else (tests, bench and samples are not packable)");
        foreach (var id in Packages)
        {
            File.Exists(Path.Combine(_packages, $"{id}.{_version}.snupkg")).Should().BeTrue($"{id} ships its symbols");
            using var zip = ZipFile.OpenRead(Path.Combine(_packages, $"{id}.{_version}.nupkg"));
            var metadata = Nuspec(zip).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

            Value("id").Should().Be(id);
            Value("version").Should().Be(_version);
            Value("description").Should().Contain("Twilio", $"{id} says what it is");
            Value("tags").Should().Contain("twilio").And.Contain("fake");
            Value("license").Should().Be("MIT");
            metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("url")!.Value.Should().StartWith("https://");
            Value("readme").Should().Be("README.md");
            using var readme = new StreamReader(zip.GetEntry("README.md")!.Open());
            readme.ReadToEnd().Should().StartWith($"# {id}", $"{id} carries its own short readme");
        }
    }

    [TestCase("FakeRooms.NUnit", "NUnit", "4.1.0")]
    [TestCase("FakeRooms.FluentAssertions", "FluentAssertions", "[7.0.0, 8.0.0)")]
    [TestCase("FakeRooms.AwesomeAssertions", "AwesomeAssertions", "[9.4.0, 10.0.0)")]
    [TestCase("FakeRooms", "Twilio", "8.2.0")]
    [TestCase("FakeRooms", "FakeRooms.Domain", null)]
    public void Dependencies_declare_their_floors_not_the_repos_pins(string id, string dependency, string? version)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_packages, $"{id}.{_version}.nupkg"));
        var declared = Nuspec(zip).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Single(e => e.Attribute("id")!.Value == dependency).Attribute("version")!.Value;

        declared.Should().Be(version ?? _version);
    }

    [Test]
#pragma warning disable CS0618 // see tests/Shared/TestTimeoutAttribute.cs: it still fails a hung test
    [Timeout(600_000)] // pack, an empty-cache restore and a build: over the 180 s default on a loaded 2-core machine
    public async Task A_project_fresh_from_dotnet_new_nunit_adds_the_packages_and_passes_the_docs_first_test()
#pragma warning restore CS0618
    {
        var doc = Doc;
        var created = await _created;
        created.Exit.Should().Be(0, created.Output);
        await File.WriteAllTextAsync(Path.Combine(_work, "nuget.config"), Block(doc, "xml"));
        var project = Path.Combine(_work, "MyApp.Tests");
        (await File.ReadAllTextAsync(Path.Combine(project, "MyApp.Tests.csproj"))).Should().Contain("<PackageReference Include=\"NUnit\" Version=\"4.3.2\" />",
            "the template this test stands for writes NUnit 4.3.2 (docs/install.md, TOOLCHAIN.md)");

        foreach (var id in new[] { "FakeRooms", "FakeRooms.NUnit", "FakeRooms.FluentAssertions" })
        {
            doc.Should().Contain($"dotnet add package {id}\n");
            var added = await Run(project, "add", "package", id);
            added.Exit.Should().Be(0, added.Output);
            added.Output.Should().NotContainAny(["warning NU", "error NU"], "a fresh project restores the packages without NU1605 or any other NuGet warning");
        }
        File.Delete(Path.Combine(project, "UnitTest1.cs"));
        await File.WriteAllTextAsync(Path.Combine(project, "RoomBookingTests.cs"), Block(doc, "csharp"));

        var test = await Run(project, "test");

        test.Exit.Should().Be(0, test.Output);
        test.Output.Should().NotContain("warning NU");
        int.Parse(PassedCount().Match(test.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(1, test.Output);
        var restored = Path.Combine(_work, "nuget-packages");
        Directory.Exists(Path.Combine(restored, "fakerooms", _version)).Should().BeTrue("the packages came from the folder into the empty cache");
        Directory.GetDirectories(Path.Combine(restored, "nunit")).Select(Path.GetFileName).Should().Equal(["4.3.2"], "the template's NUnit is kept, not raised");
    }

    /// <summary>The first fenced block of this language in the doc.</summary>
    private static string Block(string doc, string language) =>
        Regex.Match(doc, $"```{language}\\n(.*?)```", RegexOptions.Singleline) is { Success: true } m
            ? m.Groups[1].Value
            : throw new AssertionException($"docs/install.md has no ```{language} block");

    private static XDocument Nuspec(ZipArchive zip)
    {
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    [GeneratedRegex(@"Passed:\s+(\d+)")]
    private static partial Regex PassedCount();
}
