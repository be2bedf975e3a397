namespace FakeRooms.Server.Tests;

public sealed class StartupErrorTests
{
    [Test]
    public async Task A_port_in_use_is_a_one_line_error_and_exit_code_1_not_a_stack_trace()
    {
        await using var occupant = await FakeRoomsServer.StartAsync();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ServerCommand.RunAsync(["--port", occupant.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quiet"], stdout, stderr);

        exit.Should().Be(1);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle().Which.Should()
            .StartWith($"fakerooms: cannot start: Cannot listen on http://127.0.0.1:{occupant.Port}:")
            .And.ContainEquivalentOf("address already in use");
        stdout.ToString().Should().NotContain("FakeRooms listening");
    }

    [Test]
    public async Task In_process_start_on_a_port_in_use_throws_IOException_naming_the_address()
    {
        await using var occupant = await FakeRoomsServer.StartAsync();

        var act = () => FakeRoomsServer.Start(o => o.Port = occupant.Port);

        act.Should().Throw<IOException>().WithMessage($"Cannot listen on http://127.0.0.1:{occupant.Port}: *");
    }

    /// <summary>Runs the server command with these flags and variables (not the process's) and returns what it said.</summary>
    private static async Task<(int Exit, string[] Errors, string Output)> Start(string[] args, Dictionary<string, string>? environment = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        // --port 0 unless a test sets it: a value that slipped through would start on a free port, then stop.
        string[] all = args.Contains("--port") || environment?.ContainsKey("FAKEROOMS_PORT") == true ? args : ["--port", "0", .. args];
        var exit = await ServerCommand.RunAsync(all, stdout, stderr, stop.Token, name => environment?.GetValueOrDefault(name));
        return (exit, stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), stdout.ToString());
    }

    // Each once from its flag, once from its variable: the one line names the one the value came from.
    [TestCase("--host", "FAKEROOMS_HOST", "not-a-host", "must be an IP address")]
    [TestCase("--host", "FAKEROOMS_HOST", "5080", "must be an IP address")]
    [TestCase("--public-url", "FAKEROOMS_PUBLIC_URL", "notaurl", "must be an absolute http or https URL")]
    [TestCase("--public-url", "FAKEROOMS_PUBLIC_URL", "ftp://video.example", "must be an absolute http or https URL")]
    [TestCase("--public-url", "FAKEROOMS_PUBLIC_URL", "http://h/?a=1", "must be an absolute http or https URL")]
    [TestCase("--start-time", "FAKEROOMS_START_TIME", "yesterday", "must be a date and time in ISO 8601")]
    [TestCase("--start-time", "FAKEROOMS_START_TIME", "2026-13-45T99:00:00Z", "must be a date and time in ISO 8601")]
    [TestCase("--port", "FAKEROOMS_PORT", "65536", "must be a whole number from 0 to 65535")]
    [TestCase("--port", "FAKEROOMS_PORT", "http", "must be a whole number from 0 to 65535")]
    [TestCase("--seed", "FAKEROOMS_SEED", "one", "must be a whole number")]
    [TestCase("--account-sid", "FAKEROOMS_ACCOUNT_SID", "AC123", "must be an account SID (AC and 32 hex digits)")]
    [TestCase("--auth", "FAKEROOMS_AUTH", "loose", "must be strict or any")]
    [TestCase("--validation", "FAKEROOMS_VALIDATION", "lax", "must be strict or schema")]
    [TestCase("--clock", "FAKEROOMS_CLOCK", "fast", "must be real or manual")]
    [TestCase("--journal-capacity", "FAKEROOMS_JOURNAL_CAPACITY", "-1", "must be a whole number from 0")]
    [TestCase("--max-completed-rooms", "FAKEROOMS_MAX_COMPLETED_ROOMS", "some", "must be a whole number (0 or more) or off")]
    [TestCase("--rate-limit-writes", "FAKEROOMS_RATE_LIMIT_WRITES", "0", "must be a whole number from 1")]
    [TestCase("--rate-limit-reads", "FAKEROOMS_RATE_LIMIT_READS", "fast", "must be a whole number from 1")]
    public async Task A_bad_value_is_refused_at_start_with_one_line_naming_its_flag_or_variable_and_exit_code_2(
        string flag, string variable, string value, string problem)
    {
        var fromFlag = await Start([flag, value, "--quiet"]);
        var fromVariable = await Start(["--quiet"], new() { [variable] = value });

        foreach (var (result, source) in new[] { (fromFlag, flag), (fromVariable, variable) })
        {
            result.Exit.Should().Be(2, string.Join("\n", result.Errors));
            result.Errors.Should().ContainSingle().Which.Should().StartWith($"fakerooms: {source} {problem}").And.EndWith($", not '{value}'");
            result.Output.Should().NotContain("FakeRooms listening");
        }
    }

    [Test]
    public async Task A_bad_quiet_variable_is_refused_naming_the_variable()
    {
        var result = await Start([], new() { ["FAKEROOMS_QUIET"] = "yes" });

        result.Exit.Should().Be(2);
        result.Errors.Should().ContainSingle().Which.Should().Be("fakerooms: FAKEROOMS_QUIET must be true, 1, false or 0, not 'yes'");
    }

    [TestCase("SK0123456789abcdef0123456789abcdef")]
    [TestCase("SK0123456789abcdef0123456789abcdef:")]
    [TestCase("AC0123456789abcdef0123456789abcdef:secret")]
    [TestCase("SK123:secret")]
    public async Task A_bad_api_key_is_refused_without_echoing_its_secret(string value)
    {
        var fromFlag = await Start(["--api-key", value, "--quiet"]);
        var fromVariable = await Start(["--quiet"], new() { ["FAKEROOMS_API_KEYS"] = "SKffffffffffffffffffffffffffffffff:fine," + value });

        fromFlag.Exit.Should().Be(2);
        fromFlag.Errors.Should().ContainSingle().Which.Should().StartWith("fakerooms: --api-key must be SID:SECRET with an API key SID (SK and 32 hex digits)")
            .And.NotContain("secret'");
        fromVariable.Exit.Should().Be(2);
        fromVariable.Errors.Should().ContainSingle().Which.Should().StartWith("fakerooms: FAKEROOMS_API_KEYS must be SID:SECRET");
    }

    [Test]
    public async Task An_api_key_given_twice_with_different_secrets_is_refused()
    {
        var result = await Start(["--api-key", "SK0123456789abcdef0123456789abcdef:one", "--api-key", "SK0123456789abcdef0123456789abcdef:two", "--quiet"]);

        result.Exit.Should().Be(2);
        result.Errors.Should().ContainSingle().Which.Should()
            .Be("fakerooms: --api-key gives the API key SK0123456789abcdef0123456789abcdef twice with different secrets");
    }

    [TestCase("127.0.0.1", "127.0.0.1")]
    [TestCase("0.0.0.0", "0.0.0.0")]
    [TestCase("localhost", "localhost")]
    [TestCase("::1", "[::1]")]
    [TestCase("[::1]", "[::1]")]
    public void A_valid_host_is_kept_and_an_ipv6_address_gets_its_brackets(string value, string host)
    {
        var options = new FakeRoomsOptions();

        ServerConfiguration.Configure(options, ServerFlags.Parse(["--host", value]));

        options.Host.Should().Be(host);
    }

    [Test]
    public void Api_keys_collect_from_repeated_flags_and_a_flag_wins_over_the_variable()
    {
        var fromFlags = new FakeRoomsOptions();
        ServerConfiguration.Configure(fromFlags, ServerFlags.Parse(
            ["--api-key", "SK0123456789abcdef0123456789abcdef:one", "--api-key", "SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:two"], ServerFlags.Flags,
            name => name == "FAKEROOMS_API_KEYS" ? "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb:env" : null));
        var fromVariable = new FakeRoomsOptions();
        ServerConfiguration.Configure(fromVariable, ServerFlags.Parse([], ServerFlags.Flags,
            name => name == "FAKEROOMS_API_KEYS" ? "SK0123456789abcdef0123456789abcdef:one,SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb:env" : null));

        fromFlags.ApiKeys.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["SK0123456789abcdef0123456789abcdef"] = "one",
            ["SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"] = "two",
        });
        fromVariable.ApiKeys.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["SK0123456789abcdef0123456789abcdef"] = "one",
            ["SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"] = "env",
        });
    }

    [Test]
    public async Task Version_prints_the_package_version_and_exits_0()
    {
        var stdout = new StringWriter();

        var exit = await ServerCommand.RunAsync(["--version"], stdout, new StringWriter());

        exit.Should().Be(0);
        // The version every package carries (Directory.Build.props), read from the repository, not from the code.
        var props = await File.ReadAllTextAsync(Path.Combine(Support.Repository.Root, "Directory.Build.props"));
        var version = System.Text.RegularExpressions.Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        version.Should().NotBeEmpty();
        stdout.ToString().TrimEnd().Should().Be($"fakerooms {version}");
    }

    [Test]
    public async Task The_real_process_exits_2_on_a_bad_variable()
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("FAKEROOMS_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(name);
        info.Environment["FAKEROOMS_PUBLIC_URL"] = "notaurl";
        info.ArgumentList.Add(Support.StandaloneServer.ServerDll);
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(2);
        (await stderr).Should().Be($"fakerooms: FAKEROOMS_PUBLIC_URL must be an absolute http or https URL without query, e.g. https://video.twilio.com, not 'notaurl'{Environment.NewLine}");
        (await stdout).Should().BeEmpty();
    }
}
