using FakeRooms.Http;
using FakeRooms.Http.Catalogue;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Control;

/// <summary>
/// The control API's own OpenAPI 3 document, generated from the route table (every route marked control): each route's
/// declaration (<see cref="OperationDescription"/>: method, path, summary and declared parameters), so an endpoint
/// added anywhere appears here without further work.
/// </summary>
internal static class ControlOpenApi
{
    public static string Document(RouteTable routes, string serverUrl)
    {
        var paths = new JObject();
        foreach (var route in routes.Routes.Where(r => r.IsControl))
        {
            if (paths[route.Template] is not JObject item)
                paths[route.Template] = item = new JObject();
            item[route.Method.ToLowerInvariant()] = Operation(route.Description);
        }
        var document = new JObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JObject
            {
                ["title"] = "FakeRooms control API",
                ["version"] = typeof(ControlOpenApi).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                ["description"] = "The fake's own API under /__fakerooms/: no Twilio credentials, not recorded in the journal. " +
                                  "Errors use Twilio's error envelope.",
            },
            ["servers"] = new JArray(new JObject { ["url"] = serverUrl }),
            ["paths"] = paths,
            ["components"] = new JObject
            {
                ["schemas"] = new JObject
                {
                    ["TwilioError"] = new JObject
                    {
                        ["type"] = "object",
                        ["required"] = new JArray("code", "message", "more_info", "status"),
                        ["properties"] = new JObject
                        {
                            ["code"] = new JObject { ["type"] = "integer" },
                            ["message"] = new JObject { ["type"] = "string" },
                            ["more_info"] = new JObject { ["type"] = "string", ["format"] = "uri" },
                            ["status"] = new JObject { ["type"] = "integer" },
                        },
                    },
                },
            },
        };
        return document.ToString(Formatting.Indented);
    }

    private static JObject Operation(OperationDescription route)
    {
        var parameters = new JArray();
        foreach (var segment in route.Path.Split('/'))
            if (segment.StartsWith('{') && segment.EndsWith('}'))
                parameters.Add(new JObject
                {
                    ["name"] = segment[1..^1],
                    ["in"] = "path",
                    ["required"] = true,
                    ["schema"] = new JObject { ["type"] = "string" },
                });
        foreach (var parameter in route.Parameters.Where(p => p.Location == ParameterLocation.Query))
            parameters.Add(new JObject
            {
                ["name"] = parameter.Name,
                ["in"] = "query",
                ["required"] = parameter.IsRequired,
                ["schema"] = Schema(parameter),
            });
        var operation = new JObject
        {
            ["operationId"] = OperationId(route),
            ["summary"] = route.Summary ?? $"{route.Method} {route.Path}",
            ["tags"] = new JArray("control"),
        };
        if (parameters.Count > 0)
            operation["parameters"] = parameters;
        if (route.Method is "POST" or "PUT" or "PATCH")
            operation["requestBody"] = new JObject
            {
                ["required"] = false,
                ["content"] = new JObject
                {
                    ["application/x-www-form-urlencoded"] = new JObject { ["schema"] = FormSchema(route) },
                    ["application/json"] = new JObject { ["schema"] = new JObject { ["type"] = "object" } },
                },
            };
        operation["responses"] = new JObject
        {
            ["200"] = new JObject
            {
                ["description"] = "OK",
                ["content"] = new JObject { ["application/json"] = new JObject { ["schema"] = new JObject { ["type"] = "object" } } },
            },
            ["default"] = new JObject
            {
                ["description"] = "A Twilio error",
                ["content"] = new JObject
                {
                    ["application/json"] = new JObject { ["schema"] = new JObject { ["$ref"] = "#/components/schemas/TwilioError" } },
                },
            },
        };
        return operation;
    }

    /// <summary>The form fields a route declares, as an object schema (a bare object when it declares none).</summary>
    private static JObject FormSchema(OperationDescription route)
    {
        var fields = route.Parameters.Where(p => p.Location == ParameterLocation.Form).ToList();
        var schema = new JObject { ["type"] = "object" };
        if (fields.Count == 0)
            return schema;
        schema["properties"] = new JObject(fields.Select(p => new JProperty(p.Name, Schema(p))));
        if (fields.Where(p => p.IsRequired).Select(p => p.Name).ToList() is { Count: > 0 } required)
            schema["required"] = new JArray(required);
        return schema;
    }

    /// <summary>A parameter's schema, in the terms of Twilio's spec.</summary>
    private static JObject Schema(ParameterDescription parameter)
    {
        var schema = parameter.Type switch
        {
            ParameterType.Integer => new JObject { ["type"] = "integer" },
            ParameterType.Boolean => new JObject { ["type"] = "boolean" },
            ParameterType.Number => new JObject { ["type"] = "number" },
            ParameterType.Enum => new JObject { ["type"] = "string", ["enum"] = new JArray(parameter.Values) },
            ParameterType.DateTime => new JObject { ["type"] = "string", ["format"] = "date-time" },
            ParameterType.Uri => new JObject { ["type"] = "string", ["format"] = "uri" },
            ParameterType.Json => new JObject { ["type"] = "object" },
            _ => new JObject { ["type"] = "string" },
        };
        if (parameter.Maximum is { } maximum)
            schema["maximum"] = maximum;
        return parameter.IsRepeated ? new JObject { ["type"] = "array", ["items"] = schema } : schema;
    }

    /// <summary><c>GET /__fakerooms/clock/advance</c> -> <c>getClockAdvance</c>; path parameters become <c>ByName</c>.</summary>
    private static string OperationId(OperationDescription route)
    {
        var words = new List<string> { route.Method.ToLowerInvariant() };
        foreach (var segment in route.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var clean = segment.StartsWith('{') ? "By" + segment[1..^1] : segment;
            foreach (var part in clean.Split(['-', '.', '_'], StringSplitOptions.RemoveEmptyEntries))
                words.Add(char.ToUpperInvariant(part[0]) + part[1..]);
        }
        return string.Concat(words);
    }
}
