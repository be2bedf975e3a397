using System.Globalization;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Control;

/// <summary>
/// How the state JSON writes and reads its values, shared by every resource's mapping: dates in full precision (ISO
/// 8601, UTC), typed reads that name a bad value by its JSON path, enums by their wire spelling.
/// </summary>
internal static class StateJsonFields
{
    internal static JToken Date(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) : JValue.CreateNull();

    internal static IEnumerable<JObject> Array(JObject json, string name) => json[name] switch
    {
        null or { Type: JTokenType.Null } => [],
        JArray array => array.Select(item => item as JObject ?? throw new FormatException($"{item.Path}: expected an object")),
        var other => throw new FormatException($"{other.Path}: expected an array"),
    };

    internal static string? Text(JObject json, string name) => json[name] switch
    {
        null or { Type: JTokenType.Null } => null,
        JValue { Type: JTokenType.String } value => (string?)value,
        var other => throw new FormatException($"{other.Path}: expected a string"),
    };

    internal static long? Long(JObject json, string name) => json[name] switch
    {
        null or { Type: JTokenType.Null } => null,
        // Json.NET reads a whole number past 64 bits as a BigInteger, which a cast to long throws on.
        JValue { Type: JTokenType.Integer, Value: long value } => value,
        JValue { Type: JTokenType.Integer } other => throw new FormatException($"{other.Path}: out of range"),
        var other => throw new FormatException($"{other.Path}: expected a whole number"),
    };

    internal static int? Int(JObject json, string name) => Long(json, name) is { } value
        ? value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new FormatException($"{json[name]!.Path}: out of range")
        : null;

    internal static bool? Bool(JObject json, string name) => json[name] switch
    {
        null or { Type: JTokenType.Null } => null,
        JValue { Type: JTokenType.Boolean } value => (bool)value,
        var other => throw new FormatException($"{other.Path}: expected true or false"),
    };

    internal static DateTimeOffset? ReadDate(JObject json, string name) => Text(json, name) is { } text
        ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new FormatException($"{json[name]!.Path}: '{text}' is not an ISO 8601 date")
        : null;

    internal static FormatException Missing(JObject json, string name) =>
        new($"{(json.Path.Length == 0 ? "" : json.Path + ".")}{name}: missing");

    internal static FormatException Bad(JObject json, string name, string expected) =>
        new($"{json[name]?.Path ?? name}: expected {expected}");

    /// <summary>An enum value written with its wire spelling (<paramref name="spell"/>); <paramref name="absent"/> when missing.</summary>
    internal static T Spelled<T>(JObject json, string name, Func<T, string> spell, T absent) where T : struct, Enum
    {
        if (Text(json, name) is not { } text)
            return absent;
        foreach (var value in Enum.GetValues<T>())
            if (spell(value) == text)
                return value;
        throw Bad(json, name, string.Join(", ", Enum.GetValues<T>().Select(spell)));
    }

    internal static List<string> Strings(JObject json, string name) => json[name] switch
    {
        null or { Type: JTokenType.Null } => [],
        JArray array => array.Select(item => item is JValue { Type: JTokenType.String } value
            ? (string)value!
            : throw new FormatException($"{item.Path}: expected a string")).ToList(),
        var other => throw new FormatException($"{other.Path}: expected an array"),
    };

    internal static List<int> Integers(JObject json, string name) => json[name] switch
    {
        null or { Type: JTokenType.Null } => [],
        JArray array => array.Select(item => item is JValue { Type: JTokenType.Integer, Value: long value } && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new FormatException($"{item.Path}: expected a whole number")).ToList(),
        var other => throw new FormatException($"{other.Path}: expected an array"),
    };
}
