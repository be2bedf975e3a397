using FakeRooms.Http.Catalogue;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Tests.Contract;

/// <summary>
/// The operation catalogue (src/FakeRooms/Http/Catalogue) held against Twilio's Video v1 spec (<see cref="TwilioSpec"/>):
/// every operation with the spec's method and path, every parameter of the spec with its location, type, enum values,
/// whether it is required or an array, and PageSize's maximum; no parameter the spec lacks.
/// </summary>
public sealed class CatalogueSpecTests
{
    /// <summary>
    /// Operations of the spec the fake does not serve yet. Adding one to the catalogue means taking it off this list
    /// (the test says so).
    /// </summary>
    private static readonly string[] NotServed = [];

    /// <summary>
    /// Where the pinned spec copy is older than the official SDKs and the current spec: its Transcriptions status enum
    /// still lists <c>created</c>, and its update takes no <c>Configuration</c>; twilio-csharp 8.2.0
    /// (<c>TranscriptionsResource.StatusEnum</c>: started, stopped, failed; <c>UpdateTranscriptionsOptions.Configuration</c>)
    /// and twilio-node 6.2.0 have it the current spec's way. The catalogue follows the SDKs (docs/clientflows.md).
    /// </summary>
    private static readonly string[] OlderSpecCopy =
    [
        "UpdateTranscriptions: Status takes created, started, stopped, failed in the spec, started, stopped, failed in the catalogue",
        "UpdateTranscriptions: Configuration is not a parameter of POST /v1/Rooms/{RoomSid}/Transcriptions/{Ttid} in the spec",
    ];

    [Test]
    public async Task The_catalogue_matches_twilios_video_v1_spec()
    {
        var spec = await TwilioSpec.LoadAsync();

        var differences = Differences(spec, OperationCatalog.All).Except(OlderSpecCopy).ToList();

        differences.Should().BeEmpty();
        OperationCatalog.All.Should().OnlyHaveUniqueItems(o => o.Operation).And.OnlyHaveUniqueItems(o => $"{o.Method} {o.Path}");
    }

    [Test]
    public async Task A_parameter_the_catalogue_lacks_or_types_differently_fails_naming_the_operation_and_parameter()
    {
        var spec = await TwilioSpec.LoadAsync();
        var create = OperationCatalog.Of(Operation.CreateRoom);
        var altered = create.Parameters
            .Where(p => p.Name != "LargeRoom")
            .Select(p => p.Name switch
            {
                "MaxParticipants" => p with { Type = ParameterType.String },
                "Type" => p with { Values = ["group", "go"] },
                "VideoCodecs" => p with { IsRepeated = false },
                _ => p,
            })
            .Append(new ParameterDescription("Colour", ParameterType.String));
        var read = OperationCatalog.Of(Operation.ReadRecording);
        var catalogue = new[]
        {
            new OperationDescription("POST", "/v1/Rooms", Operation.CreateRoom, create.Handler, altered),
            new OperationDescription("GET", "/v1/Recordings", Operation.ReadRecording, read.Handler,
                read.Parameters.Select(p => p.Name == "PageSize" ? p with { Maximum = 1000 } : p)),
            new OperationDescription("PUT", "/v1/Rooms/{Sid}", Operation.UpdateRoom, create.Handler, []),
            new OperationDescription("GET", "/v1/Rooms/{RoomSid}/Transcriptions", Operation.FetchRoom, create.Handler, [], inSpec: false),
        };

        var differences = Differences(spec, catalogue);

        differences.Should().Contain([
            "CreateRoom: MaxParticipants is Integer in the spec, String in the catalogue",
            "CreateRoom: Type takes go, peer-to-peer, group, group-small in the spec, group, go in the catalogue",
            "CreateRoom: VideoCodecs is an array in the spec, a single value in the catalogue",
            "CreateRoom: the spec's form parameter LargeRoom is missing from the catalogue",
            "CreateRoom: Colour is not a parameter of POST /v1/Rooms in the spec",
            "ReadRecording: PageSize has maximum 100 in the spec, 1000 in the catalogue",
            "UpdateRoom: PUT /v1/Rooms/{Sid} is not an operation of the spec",
            "FetchRoom: GET /v1/Rooms/{RoomSid}/Transcriptions is marked as not in the spec, but the spec has it",
        ]);
    }

    /// <summary>Every way the catalogue departs from the spec, one line each, naming the operation and parameter.</summary>
    private static List<string> Differences(JObject spec, IEnumerable<OperationDescription> catalogue)
    {
        var paths = (JObject)spec["paths"]!;
        var problems = new List<string>();
        var served = new HashSet<string>();
        foreach (var operation in catalogue)
        {
            var key = $"{operation.Method} {operation.Path}";
            served.Add(key);
            var declared = paths[operation.Path]?[operation.Method.ToLowerInvariant()] as JObject;
            if (!operation.InSpec)
            {
                if (declared is not null)
                    problems.Add($"{operation.Operation}: {key} is marked as not in the spec, but the spec has it");
                continue;
            }
            if (declared is null)
            {
                problems.Add($"{operation.Operation}: {key} is not an operation of the spec");
                continue;
            }
            if (NotServed.Contains(key))
                problems.Add($"{operation.Operation}: {key} is served now: take it off CatalogueSpecTests.NotServed");
            var specParameters = Parameters(spec, declared);
            foreach (var (name, (location, schema, required)) in specParameters)
            {
                if (operation.Find(name) is not { } parameter)
                {
                    problems.Add($"{operation.Operation}: the spec's {location} parameter {name} is missing from the catalogue");
                    continue;
                }
                problems.AddRange(Compare(spec, operation.Operation, parameter, location, schema, required));
            }
            problems.AddRange(operation.Parameters.Where(p => !specParameters.ContainsKey(p.Name))
                .Select(p => $"{operation.Operation}: {p.Name} is not a parameter of {key} in the spec"));
        }
        foreach (var (path, item) in paths)
            foreach (var method in ((JObject)item!).Properties().Select(p => p.Name.ToUpperInvariant()).Where(m => m is "GET" or "POST" or "DELETE"))
                if (!served.Contains($"{method} {path}") && !NotServed.Contains($"{method} {path}"))
                    problems.Add($"{method} {path} ({item![method.ToLowerInvariant()]!.Value<string>("operationId")}) is in the spec but neither in the catalogue nor in NotServed");
        return problems;
    }

    /// <summary>The query parameters and form fields of a spec operation (path parameters are the template's).</summary>
    private static Dictionary<string, (string Location, JObject Schema, bool Required)> Parameters(JObject spec, JObject operation)
    {
        var result = new Dictionary<string, (string, JObject, bool)>(StringComparer.Ordinal);
        foreach (var parameter in operation["parameters"]?.Cast<JObject>() ?? [])
            if (parameter.Value<string>("in") == "query")
                result[parameter.Value<string>("name")!] = ("query", Resolve(spec, (JObject)parameter["schema"]!), parameter.Value<bool?>("required") ?? false);
        if (operation["requestBody"]?["content"]?["application/x-www-form-urlencoded"]?["schema"] is JObject body)
        {
            var required = body["required"]?.Values<string>().ToHashSet() ?? [];
            foreach (var property in ((JObject?)body["properties"])?.Properties() ?? [])
                result[property.Name] = ("form", Resolve(spec, (JObject)property.Value), required.Contains(property.Name));
        }
        return result;
    }

    private static IEnumerable<string> Compare(JObject spec, Operation operation, ParameterDescription parameter, string location, JObject schema, bool required)
    {
        var name = parameter.Name;
        var catalogueLocation = parameter.Location == ParameterLocation.Form ? "form" : "query";
        if (catalogueLocation != location)
            yield return $"{operation}: {name} is a {location} parameter in the spec, a {catalogueLocation} parameter in the catalogue";
        var isArray = schema.Value<string>("type") == "array";
        if (isArray != parameter.IsRepeated)
            yield return $"{operation}: {name} is {(isArray ? "an array" : "a single value")} in the spec, {(parameter.IsRepeated ? "an array" : "a single value")} in the catalogue";
        var element = isArray ? Resolve(spec, (JObject)schema["items"]!) : schema;
        var type = TypeOf(element);
        if (type != parameter.Type)
            yield return $"{operation}: {name} is {type} in the spec, {parameter.Type} in the catalogue";
        var values = element["enum"]?.Values<string>().ToList() ?? [];
        if (type == ParameterType.Enum && !values.ToHashSet().SetEquals(parameter.Values))
            yield return $"{operation}: {name} takes {string.Join(", ", values)} in the spec, {string.Join(", ", parameter.Values)} in the catalogue";
        if (required != parameter.IsRequired)
            yield return $"{operation}: {name} is {(required ? "required" : "optional")} in the spec, {(parameter.IsRequired ? "required" : "optional")} in the catalogue";
        var maximum = element.Value<int?>("maximum");
        if (maximum != parameter.Maximum)
            yield return $"{operation}: {name} has maximum {maximum?.ToString() ?? "none"} in the spec, {parameter.Maximum?.ToString() ?? "none"} in the catalogue";
    }

    /// <summary>
    /// The catalogue's type for a spec schema: an enum (its own or a <c>$ref</c>'s) first, then integer, boolean,
    /// date-time, uri, other strings; an object or a schema without a type is a JSON document in one field.
    /// </summary>
    private static ParameterType TypeOf(JObject schema)
    {
        if (schema["enum"] is not null)
            return ParameterType.Enum;
        return (schema.Value<string>("type"), schema.Value<string>("format")) switch
        {
            ("integer", _) => ParameterType.Integer,
            ("boolean", _) => ParameterType.Boolean,
            ("string", "date-time") => ParameterType.DateTime,
            ("string", "uri") => ParameterType.Uri,
            ("string", _) => ParameterType.String,
            _ => ParameterType.Json,
        };
    }

    private static JObject Resolve(JObject spec, JObject schema) =>
        schema.Value<string>("$ref") is { } reference
            ? (JObject)spec.SelectToken(reference.TrimStart('#').Replace('/', '.').TrimStart('.'))!
            : schema;
}
