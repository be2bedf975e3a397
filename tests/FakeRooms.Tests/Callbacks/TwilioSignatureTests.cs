using FakeRooms.Callbacks;

namespace FakeRooms.Tests.Callbacks;

public sealed class TwilioSignatureTests
{
    // FACTS §6.3: the test vector of twilio-csharp's RequestValidatorTest, recomputed independently.
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static readonly KeyValuePair<string, string>[] Parameters =
    [
        new("To", "+18005551212"),
        new("CallSid", "CA1234567890ABCDE"),
        new("From", "+14158675309"),
        new("Digits", "1234"),
        new("Caller", "+14158675309"),
    ];

    [Test]
    public void Signature_matches_twilio_published_test_vector()
    {
        TwilioSignature.Compute("12345", Url, Parameters).Should().Be("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    [Test]
    public void Signed_text_is_the_url_then_name_value_pairs_in_ordinal_name_order()
    {
        TwilioSignature.SignedText(Url, Parameters).Should().Be(
            "https://mycompany.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDECaller+14158675309Digits1234From+14158675309To+18005551212");
    }

    [Test]
    public void Get_signature_covers_the_url_alone()
    {
        var signature = TwilioSignature.Compute("12345", Url, []);

        new Twilio.Security.RequestValidator("12345").Validate(Url, new Dictionary<string, string>(), signature).Should().BeTrue();
        signature.Should().NotBe(TwilioSignature.Compute("12345", Url, Parameters));
    }
}
