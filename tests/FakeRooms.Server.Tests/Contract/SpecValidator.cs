using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Tests.Contract;

/// <summary>
/// Validates a JSON body against a schema of Twilio's OpenAPI 3.0 spec: <c>$ref</c>, <c>type</c>, <c>nullable</c>,
/// <c>enum</c>, <c>pattern</c>, <c>minLength</c>/<c>maxLength</c>, <c>minimum</c>/<c>maximum</c>, <c>items</c>, formats
/// <c>date-time</c> (Twilio's <c>yyyy-MM-ddTHH:mm:ssZ</c>), <c>uri</c> and <c>uri-map</c>. Twilio's schemas declare no
/// <c>required</c>, but Twilio sends every property, nulls included (FACTS §1.1), so every declared property must be
/// present, and no undeclared one may appear.
/// </summary>
public sealed partial class SpecValidator(JObject spec)
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex TwilioDate();

    public JObject ResponseSchema(string template, string method, int status) =>
        spec["paths"]?[template]?[method.ToLowerInvariant()]?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?
            ["content"]?["application/json"]?["schema"] as JObject
        ?? throw new AssertionException($"the spec has no {status} application/json response for {method} {template}");

    /// <summary>Whether the spec declares this status for the operation (a 204 has no content to validate).</summary>
    public bool Declares(string template, string method, int status) =>
        spec["paths"]?[template]?[method.ToLowerInvariant()]?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not null;

    public IReadOnlyList<string> Validate(JToken value, JObject schema)
    {
        var errors = new List<string>();
        Check(value, schema, "$", errors);
        return errors;
    }

    private JObject Resolve(JObject schema)
    {
        while (schema["$ref"] is JValue reference)
        {
            var name = ((string)reference!)["#/components/schemas/".Length..];
            schema = spec["components"]!["schemas"]![name] as JObject ?? throw new AssertionException($"unresolved $ref {reference}");
        }
        return schema;
    }

    private void Check(JToken value, JObject schema, string path, List<string> errors)
    {
        // Resource schemas (video.v1.*) list their properties in the order Twilio serialises them; the fake's writers
        // promise that order (the list envelopes' meta is alphabetical in the spec, so it is not checked).
        var resource = (string?)schema["$ref"] is { } reference && reference.StartsWith("#/components/schemas/video.v1.", StringComparison.Ordinal);
        schema = Resolve(schema);
        if (value.Type == JTokenType.Null)
        {
            if (schema.Value<bool?>("nullable") != true)
                errors.Add($"{path}: null, but the spec does not mark it nullable");
            return;
        }
        var type = schema.Value<string>("type") ?? (schema["properties"] is not null ? "object" : null);
        switch (type)
        {
            case "object":
                if (value is not JObject obj)
                {
                    errors.Add($"{path}: expected an object, got {value.Type}");
                    return;
                }
                if (schema["properties"] is JObject properties)
                {
                    // A schema annotated @JsonInclude(NON_NULL) (recording rule items) leaves out what is null.
                    var nonNull = schema.Value<string>("x-class-extra-annotation")?.Contains("NON_NULL", StringComparison.Ordinal) == true;
                    foreach (var property in properties.Properties())
                    {
                        // Subscribe rule items (format subscribe-rule) send every field, null when unused: the spec's own
                        // examples (readEmpty, updateFilters) show "publisher": null although the items are not marked nullable.
                        if (obj.Property(property.Name) is { } present && present.Value.Type == JTokenType.Null &&
                            schema.Value<string>("format") == "subscribe-rule")
                            continue;
                        if (obj.Property(property.Name) is { } given)
                            Check(given.Value, (JObject)property.Value, $"{path}.{property.Name}", errors);
                        else if (!nonNull)
                            errors.Add($"{path}.{property.Name}: missing (Twilio sends every property, null when empty)");
                    }
                    foreach (var extra in obj.Properties().Where(p => properties.Property(p.Name) is null))
                        errors.Add($"{path}.{extra.Name}: not a property of the spec's schema");
                    if (resource)
                    {
                        var sent = obj.Properties().Select(p => p.Name).Where(n => properties.Property(n) is not null).ToList();
                        var declared = properties.Properties().Select(p => p.Name).Where(sent.Contains).ToList();
                        if (!sent.SequenceEqual(declared))
                            errors.Add($"{path}: properties in the order {string.Join(", ", sent)}; the spec's order is {string.Join(", ", declared)}");
                    }
                }
                if (schema.Value<string>("format") == "uri-map")
                    foreach (var link in obj.Properties())
                        if (link.Value.Type != JTokenType.String || !IsHttpUrl((string)link.Value!))
                            errors.Add($"{path}.{link.Name}: a uri-map value must be an absolute URI string");
                break;
            case "array":
                if (value is not JArray array)
                {
                    errors.Add($"{path}: expected an array, got {value.Type}");
                    return;
                }
                if (schema["items"] is JObject items)
                    for (var i = 0; i < array.Count; i++)
                        Check(array[i], items, $"{path}[{i}]", errors);
                break;
            case "string":
                if (value.Type != JTokenType.String)
                {
                    errors.Add($"{path}: expected a string, got {value.Type}");
                    return;
                }
                var text = (string)value!;
                if (schema["enum"] is JArray allowed && !allowed.Values<string>().Contains(text))
                    errors.Add($"{path}: '{text}' is not one of {string.Join(", ", allowed.Values<string>())}");
                if (schema.Value<string>("pattern") is { } pattern && !Regex.IsMatch(text, pattern))
                    errors.Add($"{path}: '{text}' does not match {pattern}");
                if (schema.Value<int?>("minLength") is { } min && text.Length < min)
                    errors.Add($"{path}: shorter than {min}");
                if (schema.Value<int?>("maxLength") is { } max && text.Length > max)
                    errors.Add($"{path}: longer than {max}");
                switch (schema.Value<string>("format"))
                {
                    case "date-time" when !TwilioDate().IsMatch(text):
                        errors.Add($"{path}: '{text}' is not a Twilio date-time (yyyy-MM-ddTHH:mm:ssZ)");
                        break;
                    case "uri" when !IsHttpUrl(text):
                        errors.Add($"{path}: '{text}' is not an absolute URI");
                        break;
                }
                break;
            case "integer":
                if (value.Type != JTokenType.Integer)
                {
                    errors.Add($"{path}: expected an integer, got {value.Type}");
                    return;
                }
                if (schema.Value<long?>("minimum") is { } minimum && (long)value < minimum)
                    errors.Add($"{path}: below the minimum {minimum}");
                if (schema.Value<long?>("maximum") is { } maximum && (long)value > maximum)
                    errors.Add($"{path}: above the maximum {maximum}");
                break;
            case "number":
                if (value.Type is not (JTokenType.Integer or JTokenType.Float))
                    errors.Add($"{path}: expected a number, got {value.Type}");
                break;
            case "boolean":
                if (value.Type != JTokenType.Boolean)
                    errors.Add($"{path}: expected a boolean, got {value.Type}");
                break;
            case null:
                break;
            default:
                errors.Add($"{path}: the validator does not know type '{type}'");
                break;
        }
    }

    /// <summary>An absolute http(s) URL (on Unix, "/v1/Rooms" alone parses as an absolute file URI).</summary>
    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Twilio's error envelope (FACTS §1.4): code, message, more_info, status (= the HTTP status); details optional.</summary>
    public static IReadOnlyList<string> ValidateError(JToken body, int httpStatus)
    {
        var errors = new List<string>();
        if (body is not JObject error)
            return ["the error body is not a JSON object"];
        var names = error.Properties().Select(p => p.Name).ToHashSet();
        foreach (var required in new[] { "code", "message", "more_info", "status" })
            if (!names.Contains(required))
                errors.Add($"$.{required}: missing from the error envelope");
        foreach (var extra in names.Except(["code", "message", "more_info", "status", "details"]))
            errors.Add($"$.{extra}: not part of Twilio's error envelope");
        if (error["code"] is { Type: not JTokenType.Integer })
            errors.Add("$.code: expected an integer");
        if (error["message"] is not JValue { Type: JTokenType.String } message || ((string)message!).Length == 0)
            errors.Add("$.message: expected a non-empty string");
        if (error["status"] is not JValue { Type: JTokenType.Integer } status || (int)status != httpStatus)
            errors.Add($"$.status: expected the HTTP status {httpStatus}");
        if (error["code"] is JValue { Type: JTokenType.Integer } code && error.Value<string>("more_info") != $"https://www.twilio.com/docs/errors/{(int)code}")
            errors.Add("$.more_info: expected https://www.twilio.com/docs/errors/{code}");
        if (error["details"] is { } details && details.Type is not (JTokenType.Object or JTokenType.Null))
            errors.Add("$.details: expected an object");
        return errors;
    }
}
