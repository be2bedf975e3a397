using FakeRooms.Domain.Events;
using FakeRooms.Wire;

namespace FakeRooms.Faults;

/// <summary>
/// Which API calls (or, with <see cref="Callbacks"/>, which status callbacks) a fault rule applies to; every part
/// given must match (null parts match anything).
/// </summary>
internal sealed record FaultTargetSpec
{
    /// <summary>True for a rule on status callbacks rather than API calls.</summary>
    public bool Callbacks { get; init; }

    /// <summary>For callback rules: the room events, or null for every event.</summary>
    public IReadOnlySet<RoomEventKind>? Events { get; init; }

    /// <summary>The operations, or null for every Twilio operation.</summary>
    public IReadOnlySet<Operation>? Operations { get; init; }

    /// <summary>A room's SID or unique name, or null for any room (and calls that name no room).</summary>
    public string? Room { get; init; }

    /// <summary>The account SID the call authenticated as, or null for any account.</summary>
    public string? Account { get; init; }

    public string Describe()
    {
        var parts = new List<string>
        {
            Callbacks
                ? "callbacks " + (Events is null ? "of any event" : string.Join("|", Events.Order().Select(WireNames.Of)))
                : Operations is null ? "any operation" : string.Join("|", Operations.Order()),
        };
        if (Room is not null) parts.Add($"room {Room}");
        if (Account is not null) parts.Add($"account {Account}");
        return string.Join(", ", parts);
    }

    public static void CheckOperation(Operation operation)
    {
        if (operation is Operation.Unknown or Operation.Control || !Enum.IsDefined(operation))
            throw new ArgumentOutOfRangeException(nameof(operation), operation,
                "Faults apply to Twilio operations only (not Unknown or Control).");
    }
}

/// <summary>How often a matching call fires the rule.</summary>
internal enum FaultFrequencyKind
{
    /// <summary>The next N matching calls, then the rule is used up.</summary>
    Next,

    /// <summary>Every matching call.</summary>
    Always,

    /// <summary>Each matching call with a probability, drawn from a seeded generator.</summary>
    Probability,
}

/// <summary>A rule's frequency.</summary>
internal sealed record FaultFrequency(FaultFrequencyKind Kind, int Times = 0, double Probability = 0, int? Seed = null)
{
    public string Describe(bool callbacks = false) => Kind switch
    {
        FaultFrequencyKind.Next => Times == 1 ? $"next {Noun(callbacks)}" : $"next {Times} {Noun(callbacks)}s",
        FaultFrequencyKind.Always => $"every {Noun(callbacks)}",
        _ => $"probability {Probability.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}" +
             (Seed is { } seed ? $" (seed {seed})" : ""),
    };

    private static string Noun(bool callbacks) => callbacks ? "callback" : "call";
}
