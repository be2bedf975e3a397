namespace FakeRooms.Domain.Subscriptions;

/// <summary>Whether a subscribe rule adds tracks to a participant's subscriptions or removes them.</summary>
internal enum SubscribeRuleType
{
    /// <summary><c>include</c>: "includes the tracks that match the filters into the subscription" (docs track-subscriptions).</summary>
    Include,
    /// <summary><c>exclude</c>: "excludes the tracks that match the filters from the subscription".</summary>
    Exclude,
}

/// <summary>
/// One subscribe rule (Twilio docs, track-subscriptions, "Specifying Subscribe Rules"): a type and filters that are
/// ANDed. A null filter was not given. Kind and priority are kept as the request spelled them; <see cref="SubscribeRules.Check"/>
/// decides whether they are valid.
/// </summary>
/// <param name="Type">include or exclude; null when the request left it out (which makes the rule set invalid).</param>
/// <param name="All">The <c>all</c> filter: "Accepts only one value: true", and only with <c>type</c>.</param>
/// <param name="Publisher">"the Participant with the identity (case sensitive) or SID specified as value".</param>
/// <param name="Track">"tracks with the name (case sensitive) or SID specified as value".</param>
/// <param name="Kind"><c>audio</c>, <c>video</c> or <c>data</c>.</param>
/// <param name="Priority">
/// <c>low</c>, <c>standard</c> or <c>high</c>: the rule property the spec's <c>room_participant_subscribe_rule</c> and the
/// official SDKs (twilio-csharp <c>SubscribeRule.PriorityEnum</c>) carry; the values are the Track Priority API's
/// (docs using-track-priority-api). It is kept and shown; it does not change which tracks are subscribed.
/// </param>
internal sealed record SubscribeRule(
    SubscribeRuleType? Type,
    bool? All = null,
    string? Publisher = null,
    string? Track = null,
    string? Kind = null,
    string? Priority = null)
{
    /// <summary>
    /// Set when the request's rule object carried something Twilio refuses: an unknown field, a filter given twice
    /// (docs: "A rule cannot contain several times the same filter"), or a value of the wrong JSON type.
    /// </summary>
    public bool Malformed { get; init; }
}
