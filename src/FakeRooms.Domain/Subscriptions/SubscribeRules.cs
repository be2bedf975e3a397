using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Participants;

namespace FakeRooms.Domain.Subscriptions;

/// <summary>
/// Twilio's subscribe rules (docs https://www.twilio.com/docs/video/api/track-subscriptions): which rule sets are
/// valid, and which published tracks a participant subscribes to under them.
/// </summary>
internal static class SubscribeRules
{
    /// <summary>Docs: "subscribe rules are specified as a JSON array containing up to 20 rules".</summary>
    public const int MaxRules = 20;

    /// <summary>
    /// "When a participant joins a Room, Twilio automatically feeds a subscription rule to that participant. We call it
    /// the default_rule: {"type": "include", "all": true}" (docs, section 4).
    /// </summary>
    public static readonly IReadOnlyList<SubscribeRule> SubscribeToAll = [new(SubscribeRuleType.Include, All: true)];

    /// <summary>
    /// The rule a client connecting with automatic subscription off starts with: "replace it with a subscribe-to-none
    /// one: {"type": "exclude", "all": true}" (docs, "Overriding the Default Rule").
    /// </summary>
    public static readonly IReadOnlyList<SubscribeRule> SubscribeToNone = [new(SubscribeRuleType.Exclude, All: true)];

    /// <summary>
    /// The first reason the rule set is invalid, or null. Docs ("Remember that valid subscription rules comply with the
    /// following") and error 53215 (twilio.com/docs/api/errors/53215): at most 20 rules; <c>[]</c> is not allowed;
    /// <c>all</c> must be <c>true</c> and "If you include all in a rule, the only other allowed field is type"; every rule
    /// has a type; kind is audio, video or data; a filter appears once per rule. [INFERRED] A rule with no filter at all
    /// matches nothing Twilio describes and is refused as the recording rules are; a priority outside the SDKs' enum
    /// (low, standard, high) is refused too.
    /// </summary>
    public static TwilioError? Check(IReadOnlyList<SubscribeRule> rules)
    {
        if (rules.Count is 0 or > MaxRules)
            return TwilioErrors.InvalidSubscribeRules;
        foreach (var rule in rules)
        {
            if (rule.Malformed || rule.Type is null)
                return TwilioErrors.InvalidSubscribeRules;
            var filters = (rule.All is null ? 0 : 1) + (rule.Publisher is null ? 0 : 1) + (rule.Track is null ? 0 : 1) + (rule.Kind is null ? 0 : 1);
            if (filters == 0 || rule.All == false || (rule.All == true && (filters > 1 || rule.Priority is not null)))
                return TwilioErrors.InvalidSubscribeRules;
            if (rule.Kind is not null and not ("audio" or "video" or "data"))
                return TwilioErrors.InvalidSubscribeRules;
            if (rule.Priority is not null and not ("low" or "standard" or "high"))
                return TwilioErrors.InvalidSubscribeRules;
        }
        return null;
    }

    /// <summary>
    /// Whether <paramref name="subscriber"/> subscribes to <paramref name="track"/> of <paramref name="publisher"/>.
    /// Docs, "Subscribe Rules Semantics are based on Algebra of Sets": the set starts empty; an include adds the tracks
    /// it matches, an exclude removes them, in the order given. For one track: the last rule that matches decides, no
    /// match means not subscribed. "The tracks published by a participant are never considered when evaluating such
    /// participant's filters. As a consequence, a participant cannot subscribe to her own tracks."
    /// </summary>
    public static bool Subscribes(IReadOnlyList<SubscribeRule> rules, Participant subscriber, Participant publisher, PublishedTrack track)
    {
        if (string.Equals(subscriber.Sid, publisher.Sid, StringComparison.Ordinal))
            return false;
        var included = false;
        foreach (var rule in rules)
            if (Matches(rule, publisher, track))
                included = rule.Type == SubscribeRuleType.Include;
        return included;
    }

    /// <summary>Whether one rule's filters (ANDed: "filters combine in a rule through a logical AND") all match the track.</summary>
    public static bool Matches(SubscribeRule rule, Participant publisher, PublishedTrack track) =>
        TrackFilter.Matches(rule.All, rule.Publisher, rule.Track, rule.Kind, publisher, track);
}
