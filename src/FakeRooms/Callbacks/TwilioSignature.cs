using System.Security.Cryptography;
using System.Text;

namespace FakeRooms.Callbacks;

/// <summary>
/// Twilio's <c>X-Twilio-Signature</c> (FACTS §6.3; docs usage/webhooks/webhooks-security): HMAC-SHA1, keyed with the
/// account's auth token, over the full URL followed by each POST parameter's name and value, sorted by name with an
/// ordinal sort, no separators; base64. GET requests sign the URL alone (their parameters are in its query string).
/// </summary>
internal static class TwilioSignature
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> postParameters) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(SignedText(url, postParameters))));

    /// <summary>The string that is signed: URL, then name+value of each POST parameter in ordinal order of names.</summary>
    public static string SignedText(string url, IEnumerable<KeyValuePair<string, string>> postParameters)
    {
        var text = new StringBuilder(url);
        // Repeated names: twilio-node sorts the values too (FACTS §6.3). Status callbacks never repeat a name.
        foreach (var (name, value) in postParameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            text.Append(name).Append(value);
        return text.ToString();
    }
}
