using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Drift;

/// <summary>
/// Compares two JSON answers by shape, not by value: the same property names at every level, the same JSON types,
/// null on both sides or on neither. Arrays compare their first items when both have one (list pages may hold
/// different rooms).
/// </summary>
internal static class ShapeDiff
{
    public static IReadOnlyList<string> Compare(JToken? expected, JToken? actual)
    {
        var differences = new List<string>();
        Walk("$", expected, actual, differences);
        return differences;
    }

    private static void Walk(string path, JToken? expected, JToken? actual, List<string> differences)
    {
        if (expected is null || actual is null)
        {
            if (expected is null != actual is null)
                differences.Add($"{path}: {(expected is null ? "the fake's answer is not JSON" : "the target's answer is not JSON")}");
            return;
        }
        var e = Kind(expected);
        var a = Kind(actual);
        if (e != a)
        {
            differences.Add(e == "null" || a == "null"
                ? $"{path}: nullability differs (fake {e}, target {a})"
                : $"{path}: type differs (fake {e}, target {a})");
            return;
        }
        switch (expected)
        {
            case JObject eo:
                var ao = (JObject)actual;
                foreach (var property in eo.Properties())
                {
                    if (ao.Property(property.Name) is { } other)
                        Walk($"{path}.{property.Name}", property.Value, other.Value, differences);
                    else
                        differences.Add($"{path}.{property.Name}: missing on the target");
                }
                foreach (var property in ao.Properties())
                    if (eo.Property(property.Name) is null)
                        differences.Add($"{path}.{property.Name}: only on the target");
                break;
            case JArray ea:
                var aa = (JArray)actual;
                if (ea.Count > 0 && aa.Count > 0)
                    Walk($"{path}[0]", ea[0], aa[0], differences);
                break;
        }
    }

    private static string Kind(JToken token) => token.Type switch
    {
        JTokenType.Object => "object",
        JTokenType.Array => "array",
        JTokenType.Integer => "integer",
        JTokenType.Float => "number",
        JTokenType.String or JTokenType.Date or JTokenType.Uri or JTokenType.Guid or JTokenType.TimeSpan => "string",
        JTokenType.Boolean => "boolean",
        JTokenType.Null or JTokenType.Undefined => "null",
        _ => token.Type.ToString().ToLowerInvariant(),
    };
}
