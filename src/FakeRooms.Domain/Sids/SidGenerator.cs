using System.Security.Cryptography;
using System.Text;
using Bogus;

namespace FakeRooms.Domain.Sids;

/// <summary>
/// Twilio SIDs (two letters + 32 lowercase hex digits; real SIDs in issues use lowercase, FACTS §1.2) from a seeded
/// Bogus randomizer. The same seed and the same sequence of calls give the same SIDs.
/// </summary>
internal sealed class SidGenerator
{
    private readonly Randomizer _random;
    private readonly Lock _gate = new();
    private long _draws;

    public SidGenerator(int seed) => _random = new Randomizer(seed);

    /// <summary>A generator whose seed mixes <paramref name="seed"/> with a name, stable across processes.</summary>
    public static SidGenerator For(int seed, string scope) => new(DeriveSeed(seed, scope));

    public string Next(string prefix) => prefix + Hex(16);

    /// <summary>32 lowercase hex characters, e.g. an auth token.</summary>
    public string Token() => Hex(16);

    /// <summary>How many values this generator has drawn (a snapshot keeps it, so a restored fake never repeats a SID).</summary>
    public long Draws
    {
        get { lock (_gate) return _draws; }
    }

    /// <summary>Draws and discards values until <see cref="Draws"/> reaches <paramref name="draws"/>.</summary>
    public void SkipTo(long draws)
    {
        lock (_gate)
            while (_draws < draws)
            {
                _random.Bytes(16);
                _draws++;
            }
    }

    private string Hex(int bytes)
    {
        lock (_gate)
        {
            _draws++;
            return Convert.ToHexStringLower(_random.Bytes(bytes));
        }
    }

    /// <summary>Stable (unlike string.GetHashCode) mix of a seed and a name.</summary>
    public static int DeriveSeed(int seed, string scope)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{scope}"), hash);
        return BitConverter.ToInt32(hash);
    }
}
