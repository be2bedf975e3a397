using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeRooms.Tests.Callbacks;

/// <summary>
/// A status callback receiver: a Kestrel app on 127.0.0.1 (free port) that records every request and answers as
/// <see cref="Respond"/> says (200 by default). Tests hold requests with TaskCompletionSources, never with sleeps.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedCallback> _received = new();

    private CallbackReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The receiver's base URL, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Url { get; }

    /// <summary>How to answer a request; null answers 200 with an empty body.</summary>
    public Func<HttpContext, ReceivedCallback, Task>? Respond { get; set; }

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<ReceivedCallback> Received => _received.ToArray();

    /// <summary>The requests about one room, in arrival order.</summary>
    public IReadOnlyList<ReceivedCallback> For(string roomSid) => Received.Where(r => r.Parameters.GetValueOrDefault("RoomSid") == roomSid).ToList();

    public void Clear()
    {
        _received.Clear();
        Respond = null;
    }

    public static async Task<CallbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        CallbackReceiver? receiver = null;
        app.Run(ctx => receiver!.HandleAsync(ctx));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver = new CallbackReceiver(app, address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/'));
        return receiver;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var form = QueryHelpers.ParseQuery(body);
        var query = QueryHelpers.ParseQuery(ctx.Request.QueryString.Value);
        var isGet = HttpMethods.IsGet(ctx.Request.Method);
        var received = new ReceivedCallback(
            ctx.Request.Method,
            ctx.Request.GetEncodedUrl(),
            ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            (isGet ? query : form).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal),
            form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));
        _received.Enqueue(received);
        if (Respond is { } respond)
            await respond(ctx, received);
        else
            ctx.Response.StatusCode = 200;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the receiver saw it.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Url">The full URL requested (scheme, host, port, path, query), as an app rebuilds it to validate.</param>
/// <param name="Headers">Request headers.</param>
/// <param name="Body">The raw body.</param>
/// <param name="Parameters">The callback parameters: the form body for POST, the query string for GET.</param>
/// <param name="Form">The form body's parameters (what a validator signs for POST).</param>
public sealed record ReceivedCallback(
    string Method,
    string Url,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Form)
{
    public string Event => Parameters["StatusCallbackEvent"];

    public int SequenceNumber => int.Parse(Parameters["SequenceNumber"], System.Globalization.CultureInfo.InvariantCulture);

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}
