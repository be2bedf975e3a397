using System.Text;
using System.Text.RegularExpressions;
using FakeRooms.Domain.Errors;

namespace FakeRooms.Http;

/// <summary>
/// HTTP Basic authentication as Twilio does it (FACTS §7): the account SID and auth token, or an API key SID and its
/// secret. Video URLs carry no account, so the credentials alone decide it.
/// </summary>
internal sealed partial class Authenticator(FakeRoomsServer server)
{
    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidPattern();

    /// <summary>True for an account SID: AC + 32 hex digits.</summary>
    public static bool IsAccountSid(string value) => AccountSidPattern().IsMatch(value);

    // The last header that authenticated as the default account with its auth token (nearly every request of a test
    // suite sends the same one): compared as a string, it skips decoding (README: Performance, what it took). Only ever set by the check below.
    private volatile string? _defaultAccountHeader;

    /// <summary>
    /// The account the request acts for, or the 20003 error to answer with. <paramref name="otherAccountToken"/> is the
    /// token another account (AnyAccount mode) sent; it is remembered (to sign that account's callbacks) only when a
    /// write gives the account a store (RequestContext.Store), so reads and refusals leave no trace.
    /// </summary>
    public string Authenticate(string? authorization, out string? otherAccountToken)
    {
        otherAccountToken = null;
        if (authorization is not null && authorization == _defaultAccountHeader)
            return server.AccountSid;
        if (string.IsNullOrEmpty(authorization))
            throw new TwilioErrorException(TwilioErrors.NoCredentials);
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            throw new TwilioErrorException(TwilioErrors.Authenticate);
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
        }
        catch (FormatException)
        {
            throw new TwilioErrorException(TwilioErrors.Authenticate);
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0)
            throw new TwilioErrorException(TwilioErrors.Authenticate);
        var user = decoded[..colon];
        var password = decoded[(colon + 1)..];
        if (password.Length == 0)
            throw new TwilioErrorException(TwilioErrors.Authenticate);

        var options = server.Options;
        if (options.ApiKeys.TryGetValue(user, out var secret))
            return secret == password ? server.AccountSid : throw new TwilioErrorException(TwilioErrors.Authenticate);
        if (user == server.AccountSid)
        {
            if (password != server.AuthToken)
                throw new TwilioErrorException(TwilioErrors.Authenticate);
            _defaultAccountHeader = authorization;
            return server.AccountSid;
        }
        if (options.AuthMode == AuthMode.AnyAccount && AccountSidPattern().IsMatch(user))
        {
            otherAccountToken = password;
            return user;
        }
        throw new TwilioErrorException(TwilioErrors.Authenticate);
    }
}
