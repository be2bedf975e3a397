using System.Globalization;
using FakeRooms.Domain.Recordings;

namespace FakeRooms.Domain.Compositions;

/// <summary>
/// Twilio's rules for compositions and composition hooks (spec CreateCompositionRequest, CreateCompositionHookRequest
/// and their descriptions; FACTS §4).
/// </summary>
internal static class CompositionRules
{
    /// <summary>Spec: "Defaults to <c>640x480</c>".</summary>
    public const string DefaultResolution = "640x480";

    /// <summary>Spec: "16 &lt;= {width} &lt;= 1280", same for height.</summary>
    public const int MinDimension = 16;

    /// <summary>Spec: "16 &lt;= {width} &lt;= 1280", same for height.</summary>
    public const int MaxDimension = 1280;

    /// <summary>Spec: "{width} * {height} &lt;= 921,600".</summary>
    public const int MaxPixels = 921_600;

    /// <summary>Spec (composition hook FriendlyName): "It can be up to 100 characters long".</summary>
    public const int MaxFriendlyNameLength = 100;

    /// <summary>Whether a resolution string is <c>{width}x{height}</c> within the spec's limits.</summary>
    public static bool IsValidResolution(string resolution)
    {
        var x = resolution.IndexOf('x');
        if (x <= 0 || x == resolution.Length - 1)
            return false;
        if (!int.TryParse(resolution.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out var width) ||
            !int.TryParse(resolution.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var height))
            return false;
        return width is >= MinDimension and <= MaxDimension && height is >= MinDimension and <= MaxDimension &&
               (long)width * height <= MaxPixels;
    }

    /// <summary>
    /// Whether a composition source names a recording: its track name (<c>*</c> matches zero or more characters:
    /// spec "student* includes tracks named student as well as studentTeam"), or the recording's RT, its track's MT, or
    /// its publisher's PA SID (the spec's examples list <c>RT...</c> and <c>PA...</c> among the sources).
    /// </summary>
    public static bool SourceMatches(string source, Recording recording) =>
        string.Equals(source, recording.Sid, StringComparison.Ordinal) ||
        string.Equals(source, recording.SourceSid, StringComparison.Ordinal) ||
        string.Equals(source, recording.ParticipantSid, StringComparison.Ordinal) ||
        Wildcard(source, recording.TrackName, ignoreCase: false);

    /// <summary>Whether a recording is taken by an include list minus an exclude list.</summary>
    public static bool Selected(IReadOnlyList<string> include, IReadOnlyList<string> exclude, Recording recording) =>
        include.Any(s => SourceMatches(s, recording)) && !exclude.Any(s => SourceMatches(s, recording));

    /// <summary><c>*</c> matches zero or more characters; everything else matches itself.</summary>
    public static bool Wildcard(string pattern, string text, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!pattern.Contains('*'))
            return string.Equals(pattern, text, comparison);
        var parts = pattern.Split('*');
        if (!text.StartsWith(parts[0], comparison))
            return false;
        var at = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = text.IndexOf(parts[i], at, comparison);
            if (found < 0)
                return false;
            at = found + parts[i].Length;
        }
        var last = parts[^1];
        return text.Length - at >= last.Length && text.EndsWith(last, comparison);
    }
}
