using System.Globalization;
using System.Reflection;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds FakeRooms to an Aspire AppHost and hands its URL and credentials to the apps that reference it.</summary>
public static class FakeRoomsBuilderExtensions
{
    /// <summary>The folder, beside this assembly, the package copies the server into.</summary>
    internal const string ServerFolder = "fakerooms-server";

    internal const string ServerAssembly = "FakeRooms.Server.dll";

    /// <summary>
    /// Adds the FakeRooms standalone server: its HTTP port chosen by Aspire, a health check on
    /// <c>/__fakerooms/health</c>, the inspector page among its URLs, a Reset command in the dashboard.
    /// </summary>
    /// <param name="builder">The AppHost builder.</param>
    /// <param name="name">The resource name, e.g. <c>"twilio"</c>.</param>
    /// <returns>The resource builder, for the <c>With...</c> settings.</returns>
    public static IResourceBuilder<FakeRoomsResource> AddFakeRooms(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var resource = new FakeRoomsResource(name, FindServer());
        return builder.AddResource(resource)
            .WithArgs(resource.ServerDll)
            .WithHttpEndpoint(name: FakeRoomsResource.HttpEndpointName, env: "FAKEROOMS_PORT")
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["FAKEROOMS_ACCOUNT_SID"] = resource.AccountSid;
                context.EnvironmentVariables["FAKEROOMS_AUTH_TOKEN"] = resource.AuthToken;
                if (resource.ApiKeyOrder.Count > 0)
                {
                    // The standalone server's API key setting: SID:SECRET pairs, comma-separated.
                    context.EnvironmentVariables["FAKEROOMS_API_KEYS"] =
                        string.Join(",", resource.ApiKeyOrder.Select(sid => sid + ":" + resource.ApiKeys[sid]));
                }
            })
            .WithHttpHealthCheck("/__fakerooms/health", endpointName: FakeRoomsResource.HttpEndpointName)
            .WithUrlForEndpoint(FakeRoomsResource.HttpEndpointName, url => url.DisplayText = "Video API")
            .WithUrlForEndpoint(FakeRoomsResource.HttpEndpointName, endpoint => new ResourceUrlAnnotation
            {
                Url = "/__fakerooms/ui",
                DisplayText = "Inspector",
            })
            .WithHttpCommand("/__fakerooms/reset", "Reset", FakeRoomsResource.HttpEndpointName, FakeRoomsResource.ResetCommand, new HttpCommandOptions
            {
                Method = HttpMethod.Post,
                Description = "Forget every room, participant, callback and call",
                ConfirmationMessage = "Forget every room, participant, callback and call in the fake?",
                IconName = "ArrowReset",
            });
    }

    /// <summary>Sets the account clients authenticate as (<c>--account-sid</c>, <c>--auth-token</c>).</summary>
    /// <param name="builder">The FakeRooms resource.</param>
    /// <param name="accountSid">An account SID, <c>AC</c> followed by 32 hex digits.</param>
    /// <param name="authToken">Its auth token (also signs status callbacks).</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<FakeRoomsResource> WithAccount(this IResourceBuilder<FakeRoomsResource> builder, string accountSid, string authToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountSid);
        ArgumentException.ThrowIfNullOrWhiteSpace(authToken);
        builder.Resource.AccountSid = accountSid;
        builder.Resource.AuthToken = authToken;
        return builder;
    }

    /// <summary>Adds an API key the account accepts (Twilio's recommended credentials for server apps).</summary>
    /// <param name="builder">The FakeRooms resource.</param>
    /// <param name="sid">The key SID, <c>SK</c> followed by 32 hex digits.</param>
    /// <param name="secret">The key secret.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<FakeRoomsResource> WithApiKey(this IResourceBuilder<FakeRoomsResource> builder, string sid, string secret)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(sid);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        if (sid.Contains(':') || sid.Contains(',') || secret.Contains(','))
            throw new ArgumentException("An API key SID cannot hold ':' or ',' and a secret cannot hold ','.", nameof(sid));
        builder.Resource.AddApiKey(sid, secret);
        return builder;
    }

    /// <summary>Seeds every generated SID (<c>--seed</c>); the same seed gives the same SIDs run after run.</summary>
    /// <param name="builder">The FakeRooms resource.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<FakeRoomsResource> WithSeed(this IResourceBuilder<FakeRoomsResource> builder, int seed) =>
        builder.WithEnvironment("FAKEROOMS_SEED", seed.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A manual clock (<c>--clock manual</c>): time moves only when told, so room timeouts, durations and recordings
    /// happen when a test (or the dashboard's Advance clock command) says so.
    /// </summary>
    /// <param name="builder">The FakeRooms resource.</param>
    /// <param name="startTime">The clock's start (<c>--start-time</c>); the current time when omitted.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<FakeRoomsResource> WithManualClock(this IResourceBuilder<FakeRoomsResource> builder, DateTimeOffset? startTime = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithEnvironment("FAKEROOMS_CLOCK", "manual");
        if (startTime is { } start)
            builder.WithEnvironment("FAKEROOMS_START_TIME", start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        if (builder.Resource.Annotations.OfType<ResourceCommandAnnotation>().Any(c => c.Name == FakeRoomsResource.AdvanceClockCommand))
            return builder;
        return builder.WithHttpCommand("/__fakerooms/clock/advance", "Advance clock", FakeRoomsResource.HttpEndpointName, FakeRoomsResource.AdvanceClockCommand, new HttpCommandOptions
        {
            Method = HttpMethod.Post,
            Description = "Move the fake's manual clock forward (room timeouts, durations, recordings)",
            IconName = "ClockArrowDownload",
            Arguments =
            [
                new InteractionInput
                {
                    Name = "Seconds",
                    Label = "Seconds",
                    Description = "How far to move the clock (300: an unused or empty room ends).",
                    InputType = InputType.Number,
                    Value = "300",
                    Required = true,
                },
            ],
            PrepareRequest = context =>
            {
                var seconds = context.Arguments is { } arguments && arguments.ContainsName("Seconds")
                    ? arguments.GetString("Seconds") ?? "300"
                    : "300";
                context.Request.Content = new FormUrlEncodedContent([new("Seconds", seconds)]);
                return Task.CompletedTask;
            },
        });
    }

    /// <summary>Seeds rooms and participants from a JSON file at start (<c>--fixture</c>).</summary>
    /// <param name="builder">The FakeRooms resource.</param>
    /// <param name="path">The seed file; a relative path is taken from the AppHost's directory.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<FakeRoomsResource> WithFixture(this IResourceBuilder<FakeRoomsResource> builder, string path) =>
        builder.WithEnvironment("FAKEROOMS_FIXTURE", FullPath(builder, path));

    /// <summary>
    /// Keeps the fake's state across AppHost runs (<c>--persist</c>): loaded at start if the file exists, written there
    /// on shutdown.
    /// </summary>
    /// <param name="builder">The FakeRooms resource.</param>
    /// <param name="path">The state file; a relative path is taken from the AppHost's directory.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<FakeRoomsResource> WithPersistFile(this IResourceBuilder<FakeRoomsResource> builder, string path) =>
        builder.WithEnvironment("FAKEROOMS_PERSIST", FullPath(builder, path));

    /// <summary>How strictly requests are validated (<c>--validation</c>).</summary>
    /// <param name="builder">The FakeRooms resource.</param>
    /// <param name="profile">Strict (Twilio's rules) or Schema (only the spec's types and enums).</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<FakeRoomsResource> WithValidationProfile(this IResourceBuilder<FakeRoomsResource> builder, FakeRoomsValidationProfile profile) =>
        builder.WithEnvironment("FAKEROOMS_VALIDATION", profile switch
        {
            FakeRoomsValidationProfile.Strict => "strict",
            FakeRoomsValidationProfile.Schema => "schema",
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Strict or Schema"),
        });

    /// <summary>
    /// Hands the fake to an app: <c>FakeRooms:Url</c> (its base URL, the key the app's redirect looks for),
    /// <c>Twilio:Client:AccountSid</c>, <c>Twilio:Client:AuthToken</c>, and <c>Twilio:Client:ApiKeySid</c> /
    /// <c>Twilio:Client:ApiKeySecret</c> when the fake has an API key (the first one added).
    /// </summary>
    /// <typeparam name="TDestination">The app's resource type.</typeparam>
    /// <param name="builder">The app.</param>
    /// <param name="source">The FakeRooms resource.</param>
    /// <returns>The app's resource builder.</returns>
    public static IResourceBuilder<TDestination> WithReference<TDestination>(this IResourceBuilder<TDestination> builder, IResourceBuilder<FakeRoomsResource> source)
        where TDestination : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        var fake = source.Resource;
        return builder
            .WithReferenceRelationship(fake)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["FakeRooms__Url"] = fake.UrlExpression;
                context.EnvironmentVariables["Twilio__Client__AccountSid"] = fake.AccountSid;
                context.EnvironmentVariables["Twilio__Client__AuthToken"] = fake.AuthToken;
                if (fake.ApiKeyOrder.Count > 0)
                {
                    context.EnvironmentVariables["Twilio__Client__ApiKeySid"] = fake.ApiKeyOrder[0];
                    context.EnvironmentVariables["Twilio__Client__ApiKeySecret"] = fake.ApiKeys[fake.ApiKeyOrder[0]];
                }
            });
    }

    private static string FullPath(IResourceBuilder<FakeRoomsResource> builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetFullPath(path, builder.ApplicationBuilder.AppHostDirectory);
    }

    /// <summary>
    /// The server shipped in the package (copied beside this assembly by the package's build targets), else the
    /// server project's build output in this repository (tests and samples referencing the project).
    /// </summary>
    internal static string FindServer()
    {
        var here = Path.GetDirectoryName(typeof(FakeRoomsBuilderExtensions).Assembly.Location) ?? AppContext.BaseDirectory;
        var shipped = Path.Combine(here, ServerFolder, ServerAssembly);
        if (File.Exists(shipped))
            return shipped;
        var built = typeof(FakeRoomsBuilderExtensions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "FakeRooms.ServerPath")?.Value;
        if (built is not null && File.Exists(built))
            return built;
        throw new FileNotFoundException(
            $"FakeRooms.Server.dll was not found in {Path.Combine(here, ServerFolder)}"
            + (built is null ? "" : $" nor at {built}") + ". Restore the FakeRooms.Hosting.Aspire package again (it copies the server into the output).");
    }
}
