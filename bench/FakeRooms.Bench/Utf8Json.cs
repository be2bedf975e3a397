using System.Globalization;
using System.Text;
using FakeRooms.Domain.Rooms;
using FakeRooms.Wire;
using Newtonsoft.Json;

namespace FakeRooms.Bench;

/// <summary>
/// The ASP.NET Core baseline's JSON: the fake's own room writer (<see cref="TwilioJson.WriteRoom"/>) into a reused
/// builder, encoded straight to UTF-8 bytes. Kept here rather than calling the fake's helpers so that the baseline is
/// the same code whichever version of the fake it is compared with.
/// </summary>
internal static class Utf8Json
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static byte[] Room(Room room, string baseUrl) => Write(w => TwilioJson.WriteRoom(w, room, baseUrl));

    public static byte[] Page(IReadOnlyList<Room> rooms, string baseUrl, PageMeta meta) => Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("rooms");
        w.WriteStartArray();
        foreach (var room in rooms)
            TwilioJson.WriteRoom(w, room, baseUrl);
        w.WriteEndArray();
        w.WritePropertyName("meta");
        w.WriteStartObject();
        w.Prop("page", meta.Page);
        w.Prop("page_size", meta.PageSize);
        w.Prop("first_page_url", meta.FirstPageUrl);
        w.Prop("previous_page_url", meta.PreviousPageUrl);
        w.Prop("url", meta.Url);
        w.Prop("next_page_url", meta.NextPageUrl);
        w.Prop("key", "rooms");
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static byte[] Write(Action<JsonTextWriter> write)
    {
        var builder = t_builder ?? new StringBuilder(4096);
        t_builder = null;
        try
        {
            using (var text = new StringWriter(builder, CultureInfo.InvariantCulture))
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
                write(writer);
            var encoder = Utf8.GetEncoder();
            var count = 0;
            foreach (var chunk in builder.GetChunks())
                count += encoder.GetByteCount(chunk.Span, flush: false);
            count += encoder.GetByteCount(ReadOnlySpan<char>.Empty, flush: true);
            encoder.Reset();
            var bytes = new byte[count];
            var at = 0;
            foreach (var chunk in builder.GetChunks())
                at += encoder.GetBytes(chunk.Span, bytes.AsSpan(at), flush: false);
            encoder.GetBytes(ReadOnlySpan<char>.Empty, bytes.AsSpan(at), flush: true);
            return bytes;
        }
        finally
        {
            if (builder.Capacity <= 128 * 1024)
            {
                builder.Clear();
                t_builder = builder;
            }
        }
    }
}
