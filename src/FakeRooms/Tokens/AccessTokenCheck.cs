using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FakeRooms.Domain.Errors;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tokens;

/// <summary>
/// Checks a Twilio Access Token the way Twilio's signalling service does when a Video client connects, on the fake's
/// clock. The token format is Twilio's (docs "Access Tokens", and the official SDKs' <c>AccessToken</c> classes): a
/// JWT with header <c>{"typ":"JWT","alg":"HS256","cty":"twilio-fpa;v=1"}</c>, signed with HMAC-SHA256 and the secret
/// of the API key named in <c>iss</c>; <c>sub</c> is the account; <c>exp</c> (and optional <c>nbf</c>) in Unix
/// seconds; <c>grants.identity</c> and <c>grants.video.room</c>.
/// </summary>
/// <remarks>
/// Codes and messages: twilio-video.js <c>TwilioError</c> subclasses and the iOS/Android SDKs' <c>TVIError</c>
/// (AccessTokenInvalidError 20101 ... AccessTokenSignatureInvalidError 20107) and twilio.com/docs/api/errors/201xx;
/// 20157 from the Voice SDKs' <c>ExpirationTimeExceedsMaxTimeAllowedError</c> (docs: tokens live at most 24 hours).
/// The order of the checks is the fake's (Twilio documents none): structure, header, issuer, signature, times, grants.
/// </remarks>
internal static class AccessTokenCheck
{
    /// <summary>Twilio's maximum token lifetime: 24 hours (docs "Access Tokens": "ttl ... maximum of 24 hours").</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    // The HTTP statuses are the fake's choice: these errors travel over signalling, not REST (like the 532xx codes).
    public static readonly TwilioError Invalid = new(20101, 401, "Invalid Access Token");
    public static readonly TwilioError HeaderInvalid = new(20102, 401, "Invalid Access Token header");
    public static readonly TwilioError IssuerInvalid = new(20103, 401, "Invalid Access Token issuer/subject");
    public static readonly TwilioError Expired = new(20104, 401, "Access Token expired or expiration date invalid");
    public static readonly TwilioError NotYetValid = new(20105, 401, "Access Token not yet valid");
    public static readonly TwilioError GrantsInvalid = new(20106, 401, "Invalid Access Token grants");
    public static readonly TwilioError SignatureInvalid = new(20107, 401, "Invalid Access Token signature");
    public static readonly TwilioError LifetimeTooLong = new(20157, 401, "Expiration Time Exceeds Maximum Time Allowed");

    /// <summary>
    /// The checked token, or a refusal: the Twilio error and a sentence for the test author saying why.
    /// </summary>
    /// <param name="token">The JWT as the app minted it.</param>
    /// <param name="room">The room name the client asked for beside the token (twilio-video.js <c>connect(token, { name })</c>), or null.</param>
    /// <param name="apiKeys">API key SID to (secret, account SID).</param>
    /// <param name="now">The fake's clock.</param>
    public static AccessTokenResult Check(string? token, string? room, Func<string, (string Secret, string AccountSid)?> apiKeys, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(token))
            return Refuse(Invalid, "no token was given");
        var parts = token.Trim().Split('.');
        if (parts.Length != 3)
            return Refuse(Invalid, $"a JWT has three dot-separated parts; this token has {parts.Length}");
        var header = DecodeObject(parts[0]);
        var payload = DecodeObject(parts[1]);
        var signature = DecodeBytes(parts[2]);
        if (header is null || payload is null || signature is null)
            return Refuse(Invalid, "the token is not base64url-encoded JSON");
        // Kept with every later refusal, so a test can see whose token it was.
        var who = payload["grants"] is JObject g && g["identity"]?.Type == JTokenType.String ? (string?)g["identity"] : null;

        if (Text(header, "typ") != "JWT" || Text(header, "alg") != "HS256" || Text(header, "cty") != "twilio-fpa;v=1")
            return Refuse(HeaderInvalid,
                $"the header must be typ JWT, alg HS256, cty twilio-fpa;v=1; it is typ {Show(header, "typ")}, alg {Show(header, "alg")}, cty {Show(header, "cty")}", who);

        var issuer = Text(payload, "iss");
        var subject = Text(payload, "sub");
        if (issuer is null || apiKeys(issuer) is not { } key)
            return Refuse(IssuerInvalid, $"the issuer {Show(payload, "iss")} is not an API key of this fake (sign tokens with an SK... key given in ApiKeys or --api-key)", who);
        if (subject != key.AccountSid)
            return Refuse(IssuerInvalid, $"the subject {Show(payload, "sub")} is not the account {key.AccountSid} that API key {issuer} belongs to", who);

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key.Secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
            return Refuse(SignatureInvalid, $"the signature does not match the secret of API key {issuer}", who);

        if (Seconds(payload, "exp") is not { } exp)
            return Refuse(Expired, "the token has no numeric exp", who);
        if (exp <= now)
            return Refuse(Expired, $"the token expired {Ago(now - exp)} before the connect (exp {Stamp(exp)}, now {Stamp(now)})", who);
        var nbf = Seconds(payload, "nbf");
        if (payload["nbf"] is not null && nbf is null)
            return Refuse(NotYetValid, "the token's nbf is not a number", who);
        if (nbf is { } notBefore && notBefore > now)
            return Refuse(NotYetValid, $"the token is valid only {Ago(notBefore - now)} after the connect (nbf {Stamp(notBefore)}, now {Stamp(now)})", who);
        var lifetime = exp - (nbf ?? now);
        if (lifetime > MaxLifetime)
            return Refuse(LifetimeTooLong, $"the token lives {Ago(lifetime)}, over Twilio's maximum of 24 hours", who);

        if (payload["grants"] is not JObject grants)
            return Refuse(GrantsInvalid, "the token has no grants", who);
        var identity = grants["identity"]?.Type == JTokenType.String ? (string?)grants["identity"] : null;
        if (string.IsNullOrEmpty(identity))
            return Refuse(GrantsInvalid, "the token's grants have no identity", who);
        if (grants["video"] is not JObject video)
            return Refuse(GrantsInvalid, $"the token for \"{identity}\" has no video grant", who);
        var grantRoom = video["room"]?.Type == JTokenType.String ? (string?)video["room"] : null;
        if (grantRoom is not null && room is not null && grantRoom != room)
            return Refuse(GrantsInvalid, $"the token's video grant is for room \"{grantRoom}\", but the client asked for \"{room}\"", identity);
        var target = grantRoom ?? room;
        if (string.IsNullOrEmpty(target))
            return Refuse(GrantsInvalid, "neither the token's video grant nor the connect names a room", identity);

        return new AccessTokenResult(null, null, key.AccountSid, identity, target, issuer);
    }

    private static AccessTokenResult Refuse(TwilioError error, string reason, string? identity = null) =>
        new(error, reason, null, identity, null, null);

    private static JObject? DecodeObject(string part)
    {
        if (DecodeBytes(part) is not { } bytes)
            return null;
        try
        {
            using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(bytes))) { MaxDepth = 16, DateParseHandling = DateParseHandling.None };
            return JToken.ReadFrom(reader) as JObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[]? DecodeBytes(string part)
    {
        var s = part.Replace('-', '+').Replace('_', '/');
        s += (s.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Text(JObject o, string name) => o[name]?.Type == JTokenType.String ? (string?)o[name] : null;

    private static string Show(JObject o, string name) => o[name] is { } v ? v.ToString(Formatting.None) : "(missing)";

    private static DateTimeOffset? Seconds(JObject o, string name)
    {
        var v = o[name];
        if (v is null || v.Type is not (JTokenType.Integer or JTokenType.Float))
            return null;
        var seconds = v.Type == JTokenType.Integer && v is JValue { Value: long l } ? l : (double)v;
        // Outside what DateTimeOffset holds: treat as no valid date (20104/20105 say "invalid").
        if (seconds is < -62_135_596_800d or > 253_402_300_799d)
            return null;
        return DateTimeOffset.FromUnixTimeSeconds((long)seconds);
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Ago(TimeSpan span)
    {
        var s = (long)Math.Round(span.TotalSeconds);
        return s switch
        {
            < 120 => $"{s} second{(s == 1 ? "" : "s")}",
            < 7200 => $"{s / 60} minutes",
            _ => $"{s / 3600.0:0.#} hours",
        };
    }
}

/// <summary>What <see cref="AccessTokenCheck.Check"/> found.</summary>
internal sealed record AccessTokenResult(TwilioError? Error, string? Reason, string? AccountSid, string? Identity, string? Room, string? ApiKeySid);
