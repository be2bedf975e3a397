namespace FakeRooms.Http.Catalogue;

/// <summary>What a parameter's value is on the wire: the spec's schema type and format.</summary>
internal enum ParameterType
{
    /// <summary>Text: names, SIDs, regions (spec <c>type: string</c>).</summary>
    String,

    /// <summary>A whole number (spec <c>type: integer</c>).</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c> (spec <c>type: boolean</c>).</summary>
    Boolean,

    /// <summary>One of a case-sensitive set of values (spec <c>enum</c>, or a <c>$ref</c> to one).</summary>
    Enum,

    /// <summary>A date filter (spec <c>format: date-time</c>).</summary>
    DateTime,

    /// <summary>An absolute URL (spec <c>format: uri</c>).</summary>
    Uri,

    /// <summary>
    /// A JSON document in one form field (spec <c>type: object</c>, or no type at all): RecordingRules, Rules,
    /// VideoLayout, TranscriptionsConfiguration (FACTS §1.1).
    /// </summary>
    Json,

    /// <summary>A decimal number (control routes only: Twilio's operations take integers).</summary>
    Number,
}

/// <summary>Where a parameter travels.</summary>
internal enum ParameterLocation
{
    /// <summary>An <c>application/x-www-form-urlencoded</c> body field (every POST of Video v1).</summary>
    Form,

    /// <summary>A query string parameter (the list filters and paging of every GET).</summary>
    Query,
}

/// <summary>
/// One request parameter of an operation, as Twilio's spec declares it. Names and enum values are case-sensitive
/// (docs rooms-resource: "parameters are case-sensitive").
/// </summary>
internal sealed record ParameterDescription(string Name, ParameterType Type)
{
    /// <summary>The values of an <see cref="ParameterType.Enum"/>, in the order error messages list them.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>The spec lists it under <c>required</c>.</summary>
    public bool IsRequired { get; init; }

    /// <summary>An array: sent as repeated keys (<c>VideoCodecs=VP8&amp;VideoCodecs=H264</c>, FACTS §1.1).</summary>
    public bool IsRepeated { get; init; }

    /// <summary>The spec's <c>maximum</c> of an integer, where it has one (PageSize).</summary>
    public int? Maximum { get; init; }

    /// <summary>Where it travels; set from its operation (form for a POST, query otherwise).</summary>
    public ParameterLocation Location { get; init; }

    /// <summary>The same parameter, marked required.</summary>
    public ParameterDescription Required() => this with { IsRequired = true };

    /// <summary>The same parameter, as an array.</summary>
    public ParameterDescription Repeated() => this with { IsRepeated = true };
}
