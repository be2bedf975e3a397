using System.Diagnostics;
using FakeRooms.Server.Tests.Support;

namespace FakeRooms.Server.Tests;

/// <summary>
/// The product as users get it: <c>dotnet pack</c> the server, <c>dotnet tool install</c> it from that package, run
/// <c>fakerooms</c>. Packs the already-built assemblies (<c>--no-build</c>), so it takes seconds, not a rebuild.
/// </summary>
public sealed class ToolPackagingTests
{
    private static async Task<(int Exit, string Output)> Run(string file, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Test]
    public async Task Packed_tool_installs_as_fakerooms_and_prints_its_help()
    {
        var work = Directory.CreateTempSubdirectory("fakerooms-tool-").FullName;
        try
        {
            var packages = Path.Combine(work, "packages");
            var tools = Path.Combine(work, "tools");
            // Only the local package folder: the install must not depend on (or query) any other feed.
            await File.WriteAllTextAsync(Path.Combine(work, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources><clear /><add key="local" value="{packages}" /></packageSources>
                </configuration>
                """);

            var pack = await Run("dotnet", work, "pack", Path.Combine(Repository.Root, "src", "FakeRooms.Server", "FakeRooms.Server.csproj"),
                "-c", Repository.Configuration, "--no-build", "-o", packages);
            pack.Exit.Should().Be(0, pack.Output);
            Directory.GetFiles(packages, "FakeRooms.Server.*.nupkg").Should().ContainSingle();

            var install = await Run("dotnet", work, "tool", "install", "--tool-path", tools, "--configfile", Path.Combine(work, "nuget.config"), "FakeRooms.Server");
            install.Exit.Should().Be(0, install.Output);

            var help = await Run(Path.Combine(tools, "fakerooms"), work, "--help");
            help.Exit.Should().Be(0, help.Output);
            help.Output.Should().StartWith("fakerooms: a stateful fake of Twilio's Programmable Video Rooms REST API.")
                .And.Contain("--persist").And.Contain("FAKEROOMS_PORT").And.Contain("/__fakerooms/openapi.json");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
