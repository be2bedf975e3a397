using System.Collections.Concurrent;

namespace FakeRooms;

/// <summary>
/// The auth token of each account the fake knows: the default account's, and in <see cref="AuthMode.AnyAccount"/>
/// mode the one each account's requests used. Status callbacks of an account are signed with it.
/// </summary>
internal sealed class AccountTokens
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public string? Of(string accountSid) => _tokens.GetValueOrDefault(accountSid);

    public void Remember(string accountSid, string token)
    {
        // Written only when it changed: most requests repeat the token the account already has.
        if (!_tokens.TryGetValue(accountSid, out var known) || known != token)
            _tokens[accountSid] = token;
    }

    public void Forget(string accountSid) => _tokens.TryRemove(accountSid, out _);
}
