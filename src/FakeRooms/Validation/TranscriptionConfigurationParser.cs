using System.Globalization;
using FakeRooms.Domain.Errors;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Validation;

/// <summary>
/// Reads a transcription configuration (<c>Configuration</c> of the Transcriptions resource, <c>TranscriptionsConfiguration</c>
/// of room create): a JSON object, kept as Twilio shows it, a string map (docs video/api/transcriptions:
/// <c>object&lt;string-map&gt;</c>; a request's <c>"partialResults": true</c> comes back as <c>"partialResults": "true"</c>).
/// Keys are kept as sent (the docs' examples use both <c>languageCode</c> and <c>LanguageCode</c>).
/// </summary>
internal static class TranscriptionConfigurationParser
{
    /// <summary>The configuration, or a 20001 naming <paramref name="parameter"/> when it is not a JSON object.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string json, string parameter)
    {
        JObject configuration;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            configuration = JToken.ReadFrom(reader) as JObject
                            ?? throw new TwilioErrorException(TwilioErrors.InvalidParameter(parameter, json));
        }
        catch (JsonException)
        {
            throw new TwilioErrorException(TwilioErrors.InvalidParameter(parameter, json));
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in configuration.Properties())
        {
            var value = property.Value;
            switch (value.Type)
            {
                case JTokenType.Null:
                    continue;
                case JTokenType.String:
                    map[property.Name] = (string)value!;
                    break;
                case JTokenType.Boolean:
                    map[property.Name] = (bool)value ? "true" : "false";
                    break;
                case JTokenType.Integer or JTokenType.Float:
                    map[property.Name] = Convert.ToString(((JValue)value).Value, CultureInfo.InvariantCulture) ?? "";
                    break;
                default:
                    map[property.Name] = value.ToString(Formatting.None);
                    break;
            }
        }
        return map;
    }
}
