using System.Globalization;
using Newtonsoft.Json;

namespace FakeRooms.Wire;

/// <summary>Writes Twilio-shaped JSON: snake_case names, nulls present, UTC dates with no fraction.</summary>
internal static class JsonText
{
    /// <summary>Twilio's date format in JSON bodies, e.g. <c>2015-07-30T20:00:00Z</c> (spec examples; FACTS §8.3).</summary>
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Builds a JSON string with a writer.</summary>
    public static string Write(Action<JsonTextWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None, DateFormatHandling = DateFormatHandling.IsoDateFormat })
            write(writer);
        return text.ToString();
    }

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
