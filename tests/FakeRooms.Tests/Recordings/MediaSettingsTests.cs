using System.Net;
using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Recordings;

/// <summary>/v1/RecordingSettings/Default and /v1/CompositionSettings/Default (FACTS §4).</summary>
public sealed class MediaSettingsTests : RecordingTest
{
    private const string Credential = "CR0123456789abcdef0123456789abcdef";
    private const string Key = "CRfedcba9876543210fedcba9876543210";

    [Test]
    public async Task Recording_settings_are_empty_until_set_and_then_shown_back()
    {
        var before = await RecordingSettingsResource.FetchAsync(client: Twilio);

        var set = await RecordingSettingsResource.CreateAsync("Recordings to S3", awsCredentialsSid: Credential, encryptionKeySid: Key,
            awsS3Url: new Uri("https://bucket.s3.invalid/recordings"), awsStorageEnabled: true, encryptionEnabled: true, client: Twilio);
        var after = await RecordingSettingsResource.FetchAsync(client: Twilio);

        before.AccountSid.Should().Be(Fake.AccountSid);
        before.FriendlyName.Should().BeNull();
        before.AwsStorageEnabled.Should().BeFalse();
        before.EncryptionEnabled.Should().BeFalse();
        set.FriendlyName.Should().Be("Recordings to S3");
        after.AwsCredentialsSid.Should().Be(Credential);
        after.EncryptionKeySid.Should().Be(Key);
        after.AwsS3Url.Should().Be(new Uri("https://bucket.s3.invalid/recordings"));
        after.AwsStorageEnabled.Should().BeTrue();
        after.EncryptionEnabled.Should().BeTrue();
        after.Url.Should().Be(new Uri($"{Fake.Url}/v1/RecordingSettings/Default"));
    }

    [Test]
    public async Task Composition_settings_are_separate_from_recording_settings()
    {
        await RecordingSettingsResource.CreateAsync("recordings", client: Twilio);

        var answer = await PostForm("/v1/CompositionSettings/Default", "FriendlyName=compositions");
        var recordings = await RecordingSettingsResource.FetchAsync(client: Twilio);

        answer.Status.Should().Be(HttpStatusCode.OK, "the current spec answers 200");
        answer.Json.Properties().Select(p => p.Name).Should().Equal("account_sid", "friendly_name", "aws_credentials_sid",
            "aws_s3_url", "aws_storage_enabled", "encryption_key_sid", "encryption_enabled", "url");
        answer.Json.Value<string>("url").Should().Be($"{Fake.Url}/v1/CompositionSettings/Default");
        (await CompositionSettingsResource.FetchAsync(client: Twilio)).FriendlyName.Should().Be("compositions");
        recordings.FriendlyName.Should().Be("recordings");
    }

    [TestCase("/v1/RecordingSettings/Default")]
    [TestCase("/v1/CompositionSettings/Default")]
    public async Task Missing_friendly_name_returns_20001(string path)
    {
        var answer = await PostForm(path, "AwsStorageEnabled=false");

        answer.ShouldBeTwilioError(400, 20001, "Missing required parameter FriendlyName in the post body");
    }

    [TestCase("AwsCredentialsSid=AC0123456789abcdef0123456789abcdef", TestName = "Settings_credentials_sid_not_a_CR_sid_returns_20001")]
    [TestCase("EncryptionKeySid=CR123", TestName = "Settings_encryption_key_sid_not_a_CR_sid_returns_20001")]
    [TestCase("AwsS3Url=bucket", TestName = "Settings_s3_url_not_absolute_returns_20001")]
    [TestCase("EncryptionEnabled=yes", TestName = "Settings_encryption_enabled_not_boolean_returns_20001")]
    public async Task Bad_settings_parameter_returns_20001(string parameter)
    {
        var answer = await PostForm("/v1/RecordingSettings/Default", "FriendlyName=x&" + parameter);

        answer.ShouldBeTwilioError(400, 20001);
    }
}
