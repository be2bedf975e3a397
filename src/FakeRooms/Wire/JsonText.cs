using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace FakeRooms.Wire;

/// <summary>Writes Twilio-shaped JSON: snake_case names, nulls present, UTC dates with no fraction.</summary>
internal static class JsonText
{
    /// <summary>Twilio's date format in JSON bodies, e.g. <c>2015-07-30T20:00:00Z</c> (spec examples; FACTS §8.3).</summary>
    public static string Date(DateTimeOffset value) =>
        // "s" is yyyy-MM-ddTHH:mm:ss (culture-invariant by definition); formatting it into the string directly is the
        // same text without parsing a custom format on every date (README: Performance, what it took).
        string.Create(20, value.UtcDateTime, static (chars, utc) =>
        {
            utc.TryFormat(chars, out _, "s", CultureInfo.InvariantCulture);
            chars[19] = 'Z';
        });

    /// <summary>Builds a JSON string with a writer.</summary>
    public static string Write(Action<JsonTextWriter> write)
    {
        var builder = Rent();
        try
        {
            Fill(builder, write);
            return builder.ToString();
        }
        finally
        {
            Return(builder);
        }
    }

    /// <summary>
    /// Builds JSON as UTF-8 bytes, for bodies that can be large (list pages). A 50-room page is about 55,000
    /// characters: as a string (110 KB) it lands on the large object heap, whose churn forced a full (gen2) GC every
    /// few dozen list requests under load; as UTF-8 bytes (55 KB) it does not (README: Performance, what it took).
    /// </summary>
    public static byte[] WriteUtf8(Action<JsonTextWriter> write)
    {
        var builder = Rent();
        try
        {
            Fill(builder, write);
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
            Return(builder);
        }
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static void Fill(StringBuilder builder, Action<JsonTextWriter> write)
    {
        using var text = new StringWriter(builder, CultureInfo.InvariantCulture);
        using var writer = new JsonTextWriter(text) { Formatting = Formatting.None, DateFormatHandling = DateFormatHandling.IsoDateFormat };
        write(writer);
    }

    // One builder per thread, reused: a body is written once, copied out, and the builder cleared. A nested call (none
    // today) finds no cached builder and uses its own. Very large builders are left to the GC (README: Performance, what it took).
    private static StringBuilder Rent()
    {
        var builder = t_builder ?? new StringBuilder(4096);
        t_builder = null;
        return builder;
    }

    private static void Return(StringBuilder builder)
    {
        // Clear() copies a builder of many chunks into one array: only do it for a builder that is kept.
        if (builder.Capacity > MaxCachedBuilderChars)
            return;
        builder.Clear();
        t_builder = builder;
    }

    /// <summary>Room for a 50-room list page (about 55,000 characters) and more.</summary>
    private const int MaxCachedBuilderChars = 128 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static void Prop(this JsonWriter w, string name, string? value)
    {
        w.WritePropertyName(name);
        if (value is null) w.WriteNull(); else w.WriteValue(value);
    }

    public static void Prop(this JsonWriter w, string name, int? value)
    {
        w.WritePropertyName(name);
        if (value is null) w.WriteNull(); else w.WriteValue(value.Value);
    }

    public static void Prop(this JsonWriter w, string name, long? value)
    {
        w.WritePropertyName(name);
        if (value is null) w.WriteNull(); else w.WriteValue(value.Value);
    }

    public static void Prop(this JsonWriter w, string name, bool? value)
    {
        w.WritePropertyName(name);
        if (value is null) w.WriteNull(); else w.WriteValue(value.Value);
    }

    public static void Prop(this JsonWriter w, string name, DateTimeOffset? value)
    {
        w.WritePropertyName(name);
        if (value is null) w.WriteNull(); else w.WriteValue(Date(value.Value));
    }
}
