using System.Net;
using System.Text;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Rooms;

/// <summary>
/// How CreateRoom reads its body, the way Twilio does (FACTS §1.1, §2.1): repeated keys for lists, <c>+</c> and
/// <c>%20</c> for spaces, case-insensitive booleans, unknown parameters and non-form bodies ignored.
/// </summary>
public sealed class CreateRoomFormParsingTests : FakeRoomsTest
{
    [Test]
    public async Task Repeated_VideoCodecs_keys_give_a_list_in_order()
    {
        var room = await CreateRoom("VideoCodecs=H264&VideoCodecs=VP8");

        room["video_codecs"]!.Values<string>().Should().Equal("H264", "VP8");
    }

    [Test]
    public async Task A_codec_repeated_twice_is_listed_once()
    {
        var room = await CreateRoom("VideoCodecs=VP8&VideoCodecs=VP8");

        room["video_codecs"]!.Values<string>().Should().Equal("VP8");
    }

    [TestCase("UniqueName=daily+standup", "daily standup")]
    [TestCase("UniqueName=daily%20standup", "daily standup")]
    [TestCase("UniqueName=a%2Bb", "a+b")]
    [TestCase("UniqueName=caf%C3%A9+%E4%BC%9A%E8%AE%AE", "café 会议")]
    [TestCase("UniqueName=50%25+off", "50% off")]
    [TestCase("UniqueName=a%26b%3Dc", "a&b=c")]
    [TestCase("UniqueName=room%2F1", "room/1")]
    public async Task Form_values_are_percent_decoded_with_plus_and_percent20_as_spaces(string body, string expected)
    {
        var room = await CreateRoom(body);

        room.Value<string>("unique_name").Should().Be(expected);
    }

    [TestCase("true", true)]
    [TestCase("True", true)]
    [TestCase("TRUE", true)]
    [TestCase("false", false)]
    [TestCase("False", false)]
    [TestCase("FALSE", false)]
    public async Task Booleans_are_case_insensitive(string value, bool expected)
    {
        var room = await CreateRoom($"AudioOnly={value}&RecordParticipantsOnConnect={value}&LargeRoom={value}");

        room.Value<bool>("audio_only").Should().Be(expected);
        room.Value<bool>("record_participants_on_connect").Should().Be(expected);
        room.Value<bool>("large_room").Should().Be(expected);
    }

    [Test]
    public async Task Unknown_parameters_are_ignored_and_recorded_in_the_journal()
    {
        var room = await CreateRoom("UniqueName=ok&uniqueName=lower&Colour=red&Colour=blue&MaxParticipants=4&Foo");

        room.Value<string>("unique_name").Should().Be("ok");
        room.Value<int>("max_participants").Should().Be(4);
        var call = Fake.Calls.Should().ContainSingle().Which;
        call.IgnoredParameters.Should().Equal("uniqueName", "Colour", "Foo");
        call.Form["Colour"].Should().Equal("red", "blue");
    }

    [Test]
    public async Task Known_parameters_leave_the_ignored_list_empty()
    {
        await CreateRoom("UniqueName=ok&Type=group");

        Fake.Calls.Single().IgnoredParameters.Should().BeEmpty();
    }

    [Test]
    public async Task Empty_values_count_as_not_given()
    {
        var room = await CreateRoom("UniqueName=&Type=&MaxParticipants=&AudioOnly=");

        room.Value<string>("unique_name").Should().Be(room.Value<string>("sid"));
        room.Value<string>("type").Should().Be("group");
        room.Value<int>("max_participants").Should().Be(50);
    }

    [Test]
    public async Task Repeated_scalar_parameter_takes_the_first_value()
    {
        var room = await CreateRoom("MaxParticipants=7&MaxParticipants=9");

        room.Value<int>("max_participants").Should().Be(7);
    }

    [Test]
    public async Task Json_body_is_ignored_and_answered_with_a_default_room()
    {
        // The 2017 report: a JSON body got 201 with defaults and unique_name = SID (video-quickstart-android#162).
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/Rooms")
        {
            Content = new StringContent("{\"unique_name\":\"meetings\",\"max_participants\":2}", Encoding.UTF8, "application/json"),
        };

        var answer = await Send(request);

        answer.Status.Should().Be(HttpStatusCode.Created);
        var room = answer.Json;
        room.Value<string>("unique_name").Should().Be(room.Value<string>("sid"));
        room.Value<int>("max_participants").Should().Be(50);
        var call = Fake.Calls.Single();
        call.HadNonFormBody.Should().BeTrue();
        call.Form.Should().BeEmpty();
    }

    [Test]
    public async Task Form_body_with_charset_in_the_content_type_is_read()
    {
        var content = new StringContent("UniqueName=charset", Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };

        var answer = await Send(new HttpRequestMessage(HttpMethod.Post, "/v1/Rooms") { Content = content });

        answer.Status.Should().Be(HttpStatusCode.Created);
        answer.Json.Value<string>("unique_name").Should().Be("charset");
    }

    [Test]
    public async Task Bad_percent_escapes_do_not_fail_the_request()
    {
        var answer = await PostForm("/v1/Rooms", "UniqueName=100%zz");

        answer.Status.Should().Be(HttpStatusCode.Created);
        answer.Json.Value<string>("unique_name").Should().Be("100%zz");
    }
}
