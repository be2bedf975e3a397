using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Compositions;

/// <summary>
/// An immutable snapshot of a composition hook (spec schema <c>video.v1.composition_hook</c>): while enabled, it
/// creates a composition for every group room of the account that completes.
/// </summary>
internal sealed record CompositionHook
{
    /// <summary>Hook SID, <c>HK</c> + 32 hex.</summary>
    public required string Sid { get; init; }
    /// <summary>The account.</summary>
    public required string AccountSid { get; init; }
    /// <summary>Up to 100 characters, unique in the account (spec).</summary>
    public required string FriendlyName { get; init; }
    /// <summary>Whether it fires.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>What the compositions it creates are made of.</summary>
    public required CompositionSpec Spec { get; init; }
    /// <summary>Created.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>Last updated; null until the first update (spec create example).</summary>
    public DateTimeOffset? DateUpdated { get; init; }
    /// <summary>Creation order within the account.</summary>
    public long Sequence { get; init; }
}

/// <summary>A composition hook create or update request.</summary>
/// <param name="FriendlyName">Required, 1 to 100 characters, unique in the account.</param>
/// <param name="Enabled">Null keeps the current value (true on create).</param>
/// <param name="Spec">Layout, sources, format...</param>
internal sealed record CompositionHookCommand(string FriendlyName, bool? Enabled, CompositionSpec Spec);

/// <summary>A filtered, paged read of composition hooks.</summary>
internal sealed record CompositionHookQuery
{
    /// <summary>Only hooks with this <c>enabled</c>.</summary>
    public bool? Enabled { get; init; }
    /// <summary>
    /// Only hooks whose friendly name matches: "The match is not case sensitive and can include asterisk <c>*</c>
    /// characters as wildcard match" (spec).
    /// </summary>
    public string? FriendlyName { get; init; }
    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedOnOrAfter { get; init; }
    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }
    /// <summary>Page size.</summary>
    public int PageSize { get; init; } = 50;
    /// <summary>Page position from a token.</summary>
    public PageCursor? Cursor { get; init; }
}

/// <summary>Which account-level settings resource.</summary>
internal enum MediaSettingsKind
{
    /// <summary><c>/v1/RecordingSettings/Default</c></summary>
    Recording,
    /// <summary><c>/v1/CompositionSettings/Default</c></summary>
    Composition,
}

/// <summary>
/// The account's default storage and encryption settings for recordings or compositions (spec schemas
/// <c>video.v1.recording_settings</c>, <c>video.v1.composition_settings</c>). The fake stores them and shows them back;
/// media is never written to S3 or encrypted.
/// </summary>
internal sealed record MediaSettings
{
    /// <summary>The account.</summary>
    public required string AccountSid { get; init; }
    /// <summary>Shown in the Console; null until first set.</summary>
    public string? FriendlyName { get; init; }
    /// <summary><c>CR...</c> credential for S3.</summary>
    public string? AwsCredentialsSid { get; init; }
    /// <summary><c>CR...</c> public key.</summary>
    public string? EncryptionKeySid { get; init; }
    /// <summary>The S3 bucket URL.</summary>
    public string? AwsS3Url { get; init; }
    /// <summary>Whether media goes to S3 ([INFERRED] false until set: the spec gives no default).</summary>
    public bool AwsStorageEnabled { get; init; }
    /// <summary>Whether media is encrypted (spec: "The default is false").</summary>
    public bool EncryptionEnabled { get; init; }
}
