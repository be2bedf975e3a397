using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Tests.Contract;

/// <summary>
/// Twilio's official OpenAPI spec for Video v1, as published inside the npm package <c>@twilio-alpha/mcp@0.7.0</c>
/// (file <c>package/twilio-oai/spec/json/twilio_video_v1.json</c>), fetched with <c>npm pack</c> at test time, cached in
/// the temp folder and pinned by SHA-256. Any failure to get exactly that file fails the test: the check is never
/// skipped.
/// </summary>
public static class TwilioSpec
{
    public const string Package = "@twilio-alpha/mcp@0.7.0";
    public const string Entry = "package/twilio-oai/spec/json/twilio_video_v1.json";

    /// <summary>SHA-256 of the spec file in that package (computed once, when this check was written).</summary>
    public const string Sha256 = "10d2da6ec12304e55c9f159ae13a4fab4c5db71af8b538709deb4d48c5caea8a";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static JObject? _loaded;

    public static string CacheDirectory => Path.Combine(Path.GetTempPath(), "fakerooms-spec-cache", "twilio-alpha-mcp-0.7.0");

    public static async Task<JObject> LoadAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _loaded ??= await FetchAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<JObject> FetchAsync()
    {
        var cached = Path.Combine(CacheDirectory, "twilio_video_v1.json");
        if (!File.Exists(cached) || Hash(await File.ReadAllBytesAsync(cached)) != Sha256)
        {
            Directory.CreateDirectory(CacheDirectory);
            var tarball = await NpmPackAsync(CacheDirectory);
            var bytes = await ExtractAsync(tarball, Entry)
                        ?? throw new AssertionException($"{Package} no longer contains {Entry}: the conformance check cannot run.");
            var hash = Hash(bytes);
            if (hash != Sha256)
                throw new AssertionException(
                    $"{Entry} in {Package} has SHA-256 {hash}, not the pinned {Sha256}. The published spec changed: review the " +
                    "difference, then update TwilioSpec.Sha256.");
            var temporary = cached + "." + Environment.ProcessId + ".tmp";
            await File.WriteAllBytesAsync(temporary, bytes);
            File.Move(temporary, cached, overwrite: true);
        }
        using var reader = new JsonTextReader(new StreamReader(cached)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<string> NpmPackAsync(string directory)
    {
        var info = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var arg in new[] { "pack", Package, "--pack-destination", directory, "--silent", "--no-fund", "--no-audit" })
            info.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new AssertionException("npm did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AssertionException($"npm is needed to fetch Twilio's spec ({Package}) and was not found: {e.Message}");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var name = (await stdout).Trim().Split('\n').LastOrDefault()?.Trim();
            if (process.ExitCode != 0 || string.IsNullOrEmpty(name))
                throw new AssertionException($"npm pack {Package} failed (exit {process.ExitCode}); Twilio's spec could not be fetched:\n{await stderr}");
            return Path.Combine(directory, name);
        }
    }

    private static async Task<byte[]?> ExtractAsync(string tarball, string entryName)
    {
        await using var file = File.OpenRead(tarball);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            if (entry.Name != entryName || entry.DataStream is null)
                continue;
            using var copy = new MemoryStream();
            await entry.DataStream.CopyToAsync(copy);
            return copy.ToArray();
        }
        return null;
    }
}
