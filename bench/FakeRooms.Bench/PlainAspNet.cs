using System.Text;
using FakeRooms.Domain.Rooms;
using FakeRooms.Http;
using FakeRooms.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeRooms.Bench;

/// <summary>
/// Baseline (b): a plain ASP.NET Core minimal API on Kestrel (127.0.0.1) doing the same in-memory work as the fake for
/// the three benchmarked calls: check Basic credentials, parse the form, take a lock, a seeded SID, dictionaries and an
/// oldest-first list, and the fake's own JSON writer (<see cref="TwilioJson.RoomUtf8"/>, <see cref="TwilioJson.PageUtf8"/>). It
/// has none of the fake's rules, so it is the ceiling a fake on ASP.NET Core could reach on this machine.
/// </summary>
internal sealed class PlainAspNet : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Room> _bySid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Room> _inProgressByName = new(StringComparer.Ordinal);
    private readonly List<Room> _oldestFirst = [];
    private readonly Bogus.Randomizer _random = new(1);
    private readonly string _expectedAuthorization;
    private readonly DateTimeOffset _now;
    private long _sequence;

    private PlainAspNet(WebApplication app, string accountSid, string authToken, DateTimeOffset now)
    {
        _app = app;
        AccountSid = accountSid;
        _expectedAuthorization = accountSid + ":" + authToken;
        _now = now;
        app.MapPost("/v1/Rooms", Create);
        app.MapGet("/v1/Rooms/{sid}", Fetch);
        app.MapGet("/v1/Rooms", List);
    }

    public string Url { get; private set; } = "";

    public string AccountSid { get; }

    public int Count
    {
        get
        {
            lock (_gate)
                return _bySid.Count;
        }
    }

    public static async Task<PlainAspNet> StartAsync(string accountSid, string authToken, DateTimeOffset now)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new PlainAspNet(app, accountSid, authToken, now);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public void Reset()
    {
        lock (_gate)
        {
            _bySid.Clear();
            _inProgressByName.Clear();
            _oldestFirst.Clear();
        }
    }

    /// <summary>Adds a room without HTTP (seeding), as the fake's <c>Rooms.Create</c> does.</summary>
    public Room Seed(string? uniqueName = null) => Add(uniqueName, RoomType.Group, null) ?? throw new InvalidOperationException("duplicate");

    private Room? Add(string? uniqueName, RoomType type, int? maxParticipants)
    {
        lock (_gate)
        {
            if (uniqueName is not null && _inProgressByName.ContainsKey(uniqueName))
                return null;
            var sid = "RM" + Convert.ToHexStringLower(_random.Bytes(16));
            var room = new Room
            {
                Sid = sid,
                AccountSid = AccountSid,
                UniqueName = uniqueName ?? sid,
                Status = RoomStatus.InProgress,
                Type = type,
                MaxParticipants = maxParticipants ?? 50,
                MaxParticipantDuration = 14400,
                MaxConcurrentPublishedTracks = 170,
                VideoCodecs = [VideoCodec.VP8],
                MediaRegion = "us1",
                EmptyRoomTimeout = 5,
                UnusedRoomTimeout = 5,
                DateCreated = _now,
                DateUpdated = _now,
                Sequence = ++_sequence,
            };
            _bySid.Add(sid, room);
            _inProgressByName.Add(room.UniqueName, room);
            _oldestFirst.Add(room);
            return room;
        }
    }

    private bool Authorized(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())) == _expectedAuthorization;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string BaseUrl(HttpContext ctx) => ctx.Request.Scheme + "://" + ctx.Request.Host.Value;

    private static Task Json(HttpContext ctx, int status, byte[] json)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = json.Length;
        return ctx.Response.Body.WriteAsync(json).AsTask();
    }

    private async Task Create(HttpContext ctx)
    {
        if (!Authorized(ctx))
        {
            ctx.Response.StatusCode = 401;
            return;
        }
        var form = await ctx.Request.ReadFormAsync();
        var type = form["Type"].ToString() switch
        {
            "" or "group" => RoomType.Group,
            "group-small" => RoomType.GroupSmall,
            "peer-to-peer" => RoomType.PeerToPeer,
            "go" => RoomType.Go,
            _ => (RoomType?)null,
        };
        int? max = int.TryParse(form["MaxParticipants"].ToString(), out var m) ? m : null;
        var name = form["UniqueName"].ToString();
        var room = type is null ? null : Add(name.Length == 0 ? null : name, type.Value, max);
        if (room is null)
        {
            ctx.Response.StatusCode = 400;
            return;
        }
        await Json(ctx, 201, TwilioJson.RoomUtf8(room, BaseUrl(ctx)));
    }

    private Task Fetch(HttpContext ctx, string sid)
    {
        if (!Authorized(ctx))
        {
            ctx.Response.StatusCode = 401;
            return Task.CompletedTask;
        }
        Room? room;
        lock (_gate)
            room = _bySid.GetValueOrDefault(sid) ?? _inProgressByName.GetValueOrDefault(sid);
        if (room is null)
        {
            ctx.Response.StatusCode = 404;
            return Task.CompletedTask;
        }
        return Json(ctx, 200, TwilioJson.RoomUtf8(room, BaseUrl(ctx)));
    }

    private Task List(HttpContext ctx)
    {
        if (!Authorized(ctx))
        {
            ctx.Response.StatusCode = 401;
            return Task.CompletedTask;
        }
        var size = int.TryParse(ctx.Request.Query["PageSize"].ToString(), out var s) ? s : 50;
        List<Room> items;
        bool more;
        lock (_gate)
        {
            var count = Math.Min(size, _oldestFirst.Count);
            items = new List<Room>(count);
            for (var i = 0; i < count; i++)
                items.Add(_oldestFirst[_oldestFirst.Count - 1 - i]);
            more = _oldestFirst.Count > count;
        }
        var baseUrl = BaseUrl(ctx);
        var prefix = baseUrl + "/v1/Rooms?PageSize=" + size + "&Page=";
        string? next = null;
        if (more && items.Count > 0)
        {
            var last = items[^1];
            next = prefix + "1&PageToken=" + PageRequest.EncodeToken(new PageCursor(last.DateCreated, last.Sequence, true));
        }
        var meta = new PageMeta(0, size, prefix + "0", null, prefix + "0", next);
        // UTF-8 bytes, as the fake writes them (a list page as a 110 KB string would churn the large object heap).
        return Json(ctx, 200, TwilioJson.PageUtf8("rooms", items, (w, r) => TwilioJson.WriteRoom(w, r, baseUrl), meta));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
