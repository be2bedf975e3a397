using System.Globalization;
using FakeRooms.Domain.Errors;
using FakeRooms.Http;

namespace FakeRooms.Validation;

/// <summary>Turns form strings into typed values, or Twilio's 20001 error.</summary>
internal static class Values
{
    /// <summary>A boolean; SDKs send lowercase, people write <c>True</c> (twilio-video.js#852), so case is ignored.</summary>
    public static bool? Bool(FormValues form, string name)
    {
        var raw = form.First(name);
        if (string.IsNullOrEmpty(raw))
            return null;
        if (string.Equals(raw, "true", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(raw, "false", StringComparison.OrdinalIgnoreCase)) return false;
        throw new TwilioErrorException(TwilioErrors.InvalidParameter(name, raw));
    }

    /// <summary>A whole number in the range of a 32-bit integer.</summary>
    public static int? Int(FormValues form, string name)
    {
        var raw = form.First(name);
        if (string.IsNullOrEmpty(raw))
            return null;
        if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        throw new TwilioErrorException(TwilioErrors.InvalidParameter(name, raw));
    }

    /// <summary>A non-empty string, or null.</summary>
    public static string? Text(FormValues form, string name) => form.First(name) is { Length: > 0 } value ? value : null;

    /// <summary>
    /// A date filter. The spec says <c>format: date-time</c> but describes <c>YYYY-MM-DD</c>; the C# SDK sends
    /// <c>yyyy-MM-ddTHH:mm:ssZ</c> (FACTS §1.1). Both are accepted, and any ISO 8601 offset.
    /// </summary>
    public static DateTimeOffset? Date(FormValues query, string name)
    {
        var raw = query.First(name);
        if (string.IsNullOrEmpty(raw))
            return null;
        if (DateTimeOffset.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
            return day;
        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) && raw.Length >= 10 && raw[4] == '-')
            return value;
        throw new TwilioErrorException(TwilioErrors.InvalidParameter(name, raw));
    }
}
