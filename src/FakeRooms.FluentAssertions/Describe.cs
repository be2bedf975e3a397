using FakeRooms.Journal;
using FakeRooms.Http.Catalogue;
using FakeRooms.Wire;

#if AWESOME_ASSERTIONS
namespace FakeRooms.AwesomeAssertions;
#else
namespace FakeRooms.FluentAssertions;
#endif

/// <summary>A recorded call and its 1-based position among the calls the assertion looked at.</summary>
internal readonly record struct Numbered(int Position, CallRecord Call);

/// <summary>How failure messages show calls, values and lists.</summary>
internal static class Describe
{
    /// <summary>At most this many items of a list are shown; the rest are counted.</summary>
    public const int MaxListed = 10;

    /// <summary>
    /// Every request parameter name of Twilio's Video v1 operations (the fake's operation catalogue), to suggest the
    /// right spelling for a parameter Twilio ignored.
    /// </summary>
    private static IReadOnlyList<string> KnownNames => OperationCatalog.ParameterNames;

    public static string Quote(string? value) => value is null ? "null" : "\"" + value + "\"";

    /// <summary><c>#2 CreateRoom POST /v1/Rooms -> 400 (53113 Room exists)</c></summary>
    public static string Call(Numbered numbered)
    {
        var call = numbered.Call;
        var query = call.Query.Count == 0
            ? ""
            : "?" + string.Join("&", call.Query.SelectMany(p => p.Value.Select(v => $"{p.Key}={v}")));
        return $"#{numbered.Position} {call.Operation} {call.Method} {call.Path}{query} -> {Answer(call)}";
    }

    /// <summary><c>201</c>, or <c>400 (53113 Room exists)</c></summary>
    public static string Answer(CallRecord call) =>
        call.ErrorCode is { } code ? $"{call.StatusCode} ({code} {call.ErrorMessage})" : call.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Joins items with ", ", showing at most <see cref="MaxListed"/>.</summary>
    public static string List(IEnumerable<string> items, string separator = ", ")
    {
        var all = items.ToList();
        if (all.Count <= MaxListed)
            return string.Join(separator, all);
        return string.Join(separator, all.Take(MaxListed)) + $"{separator}and {all.Count - MaxListed} more";
    }

    public static string Calls(IEnumerable<Numbered> calls) => List(calls.Select(Call));

    public static string Times(int count) => count switch { 0 => "no times", 1 => "once", 2 => "twice", _ => $"{count} times" };

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    public static string Status(VideoRoomStatus status) => status.WireName();

    public static string Type(VideoRoomType type) => type.WireName();

    /// <summary>
    /// Why a name the app sent was ignored by Twilio, with the likely intended spelling:
    /// <c>"uniqueName" (did you mean "UniqueName"?)</c>.
    /// </summary>
    public static string IgnoredName(string name) =>
        Suggest(name) is { } known ? $"{Quote(name)} (did you mean {Quote(known)}?)" : Quote(name);

    /// <summary>The Twilio parameter a misspelled name most likely meant: same letters in another case, or one edit away.</summary>
    public static string? Suggest(string name)
    {
        var sameLetters = KnownNames.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        if (sameLetters is not null)
            return sameLetters;
        var trimmed = name.Trim();
        if (trimmed != name && KnownNames.Contains(trimmed))
            return trimmed;
        return name.Length >= 4
            ? KnownNames.FirstOrDefault(k => Distance(k.ToUpperInvariant(), name.ToUpperInvariant()) <= (name.Length >= 8 ? 2 : 1))
            : null;
    }

    /// <summary>A parameter sent under a name Twilio ignores that stands for <paramref name="wanted"/>: <c>uniqueName=Standup</c>.</summary>
    public static string? IgnoredStandIn(CallRecord call, string wanted)
    {
        foreach (var name in call.IgnoredParameters)
        {
            if (Suggest(name) != wanted)
                continue;
            var value = call.FormValue(name) ?? call.QueryValue(name);
            return $"{name}={value}";
        }
        return null;
    }

    /// <summary>How <paramref name="actual"/> misses <paramref name="expected"/>, when it is close: case or whitespace.</summary>
    public static string? NearMiss(string? actual, string expected)
    {
        if (actual is null || actual == expected)
            return null;
        if (string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            return "case differs";
        if (string.Equals(actual.Trim(), expected.Trim(), StringComparison.OrdinalIgnoreCase))
            return "whitespace differs";
        return null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
