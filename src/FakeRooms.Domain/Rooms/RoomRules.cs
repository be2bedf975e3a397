using FakeRooms.Domain.Errors;

namespace FakeRooms.Domain.Rooms;

/// <summary>
/// Twilio's rules for creating rooms, and the defaults a room gets. Sources: the spec's CreateRoomRequest
/// descriptions, the older spec text (per-type limits), Twilio docs programmable-video-limits (FACTS §2.1, §2.8).
/// </summary>
internal static class RoomRules
{
    /// <summary>Longest UniqueName (docs: "Max Room Name 128 characters").</summary>
    public const int MaxUniqueNameLength = 128;

    /// <summary>Longest StatusCallback URL accepted. [INFERRED: Twilio says only "too long"; 2,000 is its usual URL limit]</summary>
    public const int MaxStatusCallbackLength = 2000;

    /// <summary>Largest MaxParticipantDuration in seconds (spec: 86400, 24 hours).</summary>
    public const int MaxParticipantDurationLimit = 86400;

    /// <summary>
    /// Smallest MaxParticipantDuration in seconds. Twilio's error page for 53123: "MaxParticipantDuration is set to a
    /// value outside of the acceptable range of 600 seconds (10 minutes) and 86400 seconds (24 hours)".
    /// </summary>
    public const int MinParticipantDuration = 600;

    /// <summary>Default MaxParticipantDuration in seconds (spec: 14400, 4 hours).</summary>
    public const int DefaultMaxParticipantDuration = 14400;

    /// <summary>Default Empty/UnusedRoomTimeout in minutes (spec and Dec 2021 changelog: five minutes).</summary>
    public const int DefaultTimeoutMinutes = 5;

    /// <summary>
    /// Media regions (docs: twilio.com/docs/video/ip-addresses, "Group Rooms media servers"). <c>gll</c> is listed for
    /// signalling only, so it is refused here [INFERRED].
    /// </summary>
    public static readonly IReadOnlySet<string> MediaRegions =
        new HashSet<string>(StringComparer.Ordinal) { "us1", "us2", "ie1", "de1", "au1", "br1", "jp1", "sg1", "in1" };

    /// <summary>The most participants a room of <paramref name="type"/> can hold, and its default MaxParticipants.</summary>
    /// <remarks>Docs programmable-video-limits: Go 2, Small Group 4, Group 50; the older spec text says peer-to-peer 10.</remarks>
    public static int MaxParticipantsFor(RoomType type) => type switch
    {
        RoomType.Go => 2,
        RoomType.GroupSmall => 4,
        RoomType.PeerToPeer => 10,
        _ => 50,
    };

    /// <summary>
    /// Checks a create request against every Twilio rule, in the order the fake reports them, and returns the first
    /// error that applies, or null.
    /// </summary>
    /// <param name="command">The typed request.</param>
    /// <param name="largeRoomMaxParticipants">When set, <c>LargeRoom=true</c> group rooms may hold up to this many.</param>
    public static TwilioError? Check(CreateRoom command, int? largeRoomMaxParticipants = null)
    {
        var type = command.Type ?? RoomType.Group;

        if (command.UniqueName is { Length: > MaxUniqueNameLength })
            return TwilioErrors.RoomNameTooLong;

        if (command.StatusCallback is { } callback && !IsValidCallbackUrl(callback))
            return TwilioErrors.StatusCallbackInvalid;

        if (command.StatusCallbackMethod is { } method && method is not ("GET" or "POST"))
            return TwilioErrors.StatusCallbackMethodInvalid;

        if (command.MaxParticipants is { } max)
        {
            var limit = MaxParticipantsFor(type);
            if (type == RoomType.Group && command.LargeRoom == true && largeRoomMaxParticipants is { } large)
                limit = large;
            if (max < 1 || max > limit)
                return TwilioErrors.MaxParticipantsOutOfRange;
        }

        if (command.EmptyRoomTimeout is < 1 or > 60 || command.UnusedRoomTimeout is < 1 or > 60)
            return TwilioErrors.TimeoutOutOfRange;

        // Twilio error 53123 (docs error page): the range is 600 to 86400 seconds. The spec states only the maximum.
        if (command.MaxParticipantDuration is < MinParticipantDuration or > MaxParticipantDurationLimit)
            return TwilioErrors.MaxParticipantDurationOutOfRange;

        if (command.MediaRegion is { } region && !MediaRegions.Contains(region))
            return TwilioErrors.MediaRegionInvalid;

        // Older spec text: VideoCodecs, MediaRegion, RecordParticipantsOnConnect, AudioOnly and recording are "not
        // available in peer-to-peer rooms" -> 53114 "Room creation parameter(s) incompatible with the Room type".
        if (type is RoomType.PeerToPeer or RoomType.Go &&
            (command.VideoCodecs is not null || command.MediaRegion is not null || command.RecordParticipantsOnConnect == true ||
             command.AudioOnly == true || command.RecordingRules is not null || command.LargeRoom == true))
            return TwilioErrors.RoomParametersIncompatible;

        if (command.RecordingRules is { } rules && CheckRecordingRules(rules) is { } rulesError)
            return rulesError;

        return null;
    }

    /// <summary>
    /// Twilio's validity rules for a recording rule set (docs recording-rules): 1 to 20 rules, each with a type,
    /// <c>all</c> only as <c>true</c> and only alone, kind audio or video, no repeated or unknown filter.
    /// </summary>
    public static TwilioError? CheckRecordingRules(IReadOnlyList<RecordingRule> rules)
    {
        if (rules.Count is 0 or > 20)
            return TwilioErrors.InvalidRecordingRules;
        foreach (var rule in rules)
        {
            if (rule.Malformed || rule.Type is null)
                return TwilioErrors.InvalidRecordingRules;
            var filters = (rule.All is null ? 0 : 1) + (rule.Publisher is null ? 0 : 1) + (rule.Track is null ? 0 : 1) + (rule.Kind is null ? 0 : 1);
            if (filters == 0 || rule.All == false || (rule.All == true && filters > 1))
                return TwilioErrors.InvalidRecordingRules;
            if (rule.Kind is not null and not ("audio" or "video"))
                return TwilioErrors.InvalidRecordingRules;
        }
        return null;
    }

    /// <summary>An absolute http or https URL of acceptable length.</summary>
    public static bool IsValidCallbackUrl(string url) =>
        url.Length <= MaxStatusCallbackLength &&
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
        !string.IsNullOrEmpty(uri.Host);

    /// <summary>Builds the room a create request makes, with Twilio's defaults for everything not given.</summary>
    internal static Room Build(CreateRoom command, string sid, string accountSid, DateTimeOffset now, long sequence)
    {
        var type = command.Type ?? RoomType.Group;
        var audioOnly = command.AudioOnly ?? false;
        var large = command.LargeRoom ?? false;
        IReadOnlyList<RecordingRule> rules = command.RecordingRules
            ?? (command.RecordParticipantsOnConnect == true ? IncludeAll : []);
        return new Room
        {
            Sid = sid,
            AccountSid = accountSid,
            UniqueName = command.UniqueName ?? sid,
            Status = RoomStatus.InProgress,
            Type = type,
            StatusCallback = command.StatusCallback,
            StatusCallbackMethod = command.StatusCallbackMethod ?? "POST",
            MaxParticipants = command.MaxParticipants ?? MaxParticipantsFor(type),
            MaxParticipantDuration = command.MaxParticipantDuration ?? DefaultMaxParticipantDuration,
            // Spec examples: 170 for group rooms, 16 for large rooms, 0 (unconstrained) for go and peer-to-peer.
            MaxConcurrentPublishedTracks = type is RoomType.Go or RoomType.PeerToPeer ? 0 : large ? 16 : 170,
            RecordParticipantsOnConnect = command.RecordParticipantsOnConnect ?? false,
            // Spec examples: ["VP8"] by default, [] for audio-only rooms.
            VideoCodecs = command.VideoCodecs ?? (audioOnly ? [] : DefaultCodecs),
            MediaRegion = command.MediaRegion ?? "us1",
            AudioOnly = audioOnly,
            EmptyRoomTimeout = command.EmptyRoomTimeout ?? DefaultTimeoutMinutes,
            UnusedRoomTimeout = command.UnusedRoomTimeout ?? DefaultTimeoutMinutes,
            LargeRoom = large,
            DateCreated = now,
            DateUpdated = now,
            RecordingRules = rules,
            Sequence = sequence,
        };
    }

    private static readonly IReadOnlyList<VideoCodec> DefaultCodecs = [VideoCodec.VP8];

    /// <summary>The rule set RecordParticipantsOnConnect=true starts with: <c>[{"type":"include","all":true}]</c>.</summary>
    public static readonly IReadOnlyList<RecordingRule> IncludeAll = [new RecordingRule(RecordingRuleType.Include, All: true)];
}
