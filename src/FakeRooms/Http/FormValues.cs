using System.Text;

namespace FakeRooms.Http;

/// <summary>
/// Name/value pairs from an <c>application/x-www-form-urlencoded</c> body or a query string, in order, with repeated
/// names kept (Twilio sends arrays as repeated keys, FACTS §1.1). Names are case-sensitive, as Twilio's are.
/// </summary>
internal sealed class FormValues
{
    public static readonly FormValues Empty = new([], null);

    private readonly List<KeyValuePair<string, string>> _pairs;

    private FormValues(List<KeyValuePair<string, string>> pairs, string? encoded)
    {
        _pairs = pairs;
        Encoded = encoded;
    }

    /// <summary>
    /// The text these pairs were parsed from (without a leading <c>?</c>); null for <see cref="Empty"/>. The journal keeps
    /// this one string rather than the parsed pairs and parses it again when a test reads the call (README: Performance, what it took).
    /// </summary>
    public string? Encoded { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public int Count => _pairs.Count;

    /// <summary>Parses <c>a=1&amp;b=x+y&amp;b=%20z</c>: both <c>+</c> and <c>%20</c> are spaces; bad escapes stay as they are.</summary>
    public static FormValues Parse(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
            return Empty;
        if (encoded[0] == '?')
            encoded = encoded[1..];
        if (encoded.Length == 0)
            return Empty;
        var parts = encoded.Split('&');
        var pairs = new List<KeyValuePair<string, string>>(parts.Length);
        foreach (var part in parts)
        {
            if (part.Length == 0)
                continue;
            var eq = part.IndexOf('=');
            var name = Decode(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Decode(part[(eq + 1)..]);
            pairs.Add(new(name, value));
        }
        return new FormValues(pairs, encoded);
    }

    public static FormValues Parse(ReadOnlySpan<byte> body) => body.IsEmpty ? Empty : Parse(Encoding.UTF8.GetString(body));

    public static string Decode(string value)
    {
        if (value.IndexOf('+') >= 0)
            value = value.Replace('+', ' ');
        return value.IndexOf('%') >= 0 ? Uri.UnescapeDataString(value) : value;
    }

    /// <summary>Whether the name was sent at all.</summary>
    public bool Has(string name)
    {
        foreach (var pair in _pairs)
            if (pair.Key == name)
                return true;
        return false;
    }

    /// <summary>The first value sent for a name (Twilio reads the first of repeated scalar parameters).</summary>
    public string? First(string name)
    {
        foreach (var pair in _pairs)
            if (pair.Key == name)
                return pair.Value;
        return null;
    }

    /// <summary>Every value sent for a name, in order.</summary>
    public IReadOnlyList<string> All(string name)
    {
        List<string>? values = null;
        foreach (var pair in _pairs)
            if (pair.Key == name)
                (values ??= []).Add(pair.Value);
        return values ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Names sent that are not in <paramref name="known"/>, in order, once each.</summary>
    public IReadOnlyList<string> NamesNotIn(IReadOnlySet<string> known)
    {
        List<string>? unknown = null;
        // A set beside the list: a 1 MB body can carry 150,000 distinct names, and List.Contains made that quadratic.
        HashSet<string>? seen = null;
        foreach (var pair in _pairs)
            if (!known.Contains(pair.Key) && (seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(pair.Key))
                (unknown ??= []).Add(pair.Key);
        return unknown ?? (IReadOnlyList<string>)[];
    }

    /// <summary>An immutable name -> values view for the journal.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToDictionary()
    {
        if (_pairs.Count == 0)
            return EmptyDictionary;
        var result = new Dictionary<string, IReadOnlyList<string>>(_pairs.Count, StringComparer.Ordinal);
        foreach (var pair in _pairs)
        {
            if (result.TryGetValue(pair.Key, out var list))
                ((List<string>)list).Add(pair.Value);
            else
                result[pair.Key] = new List<string> { pair.Value };
        }
        return result;
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> EmptyDictionary =
        new Dictionary<string, IReadOnlyList<string>>();
}
