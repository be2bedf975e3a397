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
    private readonly int _seed;
    private readonly Lock _gate = new();
    private Randomizer _random;
    private long _draws;

    public SidGenerator(int seed)
    {
        _seed = seed;
        _random = new Randomizer(seed);
    }

    /// <summary>
    /// The longest gap <see cref="SkipTo"/> replays draw by draw (a million took about a second on a busy 2-core
    /// machine, so this is a tenth of that). Past it the generator jumps: a state claiming 10^9 draws kept a core busy
    /// for minutes and delayed shutdown.
    /// </summary>
    public const long MaxReplay = 100_000;

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

    /// <summary>
    /// Moves <see cref="Draws"/> to <paramref name="draws"/> in bounded time: within <see cref="MaxReplay"/> of the
    /// current count it draws and discards (the SIDs that follow are the ones a fake that never stopped would give);
    /// further on it re-seeds from the seed and <paramref name="draws"/> (the same snapshot still restores to the same
    /// SIDs, and a new one repeats an old one with odds of about one in 2^128).
    /// </summary>
    public void SkipTo(long draws)
    {
        lock (_gate)
        {
            if (draws - _draws > MaxReplay)
            {
                _random = new Randomizer(DeriveSeed(_seed, "draws:" + draws.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                _draws = draws;
                return;
            }
            while (_draws < draws)
            {
                _random.Bytes(16);
                _draws++;
            }
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
