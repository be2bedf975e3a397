using FakeRooms.Http;
using FakeRooms.Http.Catalogue;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Http;

/// <summary>
/// Reading a request's parameters through the operation catalogue: typed values or Twilio's 20001, and a bug (not a
/// silent null) when a handler reads a parameter its operation does not declare, or reads it as another type.
/// </summary>
public sealed class ArgumentsTests
{
    private static Arguments CreateRoom(string form) =>
        new(OperationCatalog.Of(Operation.CreateRoom), FormValues.Parse(form), FormValues.Parse("MaxParticipants=7"));

    [Test]
    public void Declared_parameters_are_read_as_their_type_from_their_location()
    {
        var arguments = CreateRoom("MaxParticipants=10&AudioOnly=True&UniqueName=a+b&VideoCodecs=VP8&VideoCodecs=H264&Type=");

        arguments.Int("MaxParticipants").Should().Be(10, "a POST reads its form, not the query");
        arguments.Bool("AudioOnly").Should().BeTrue();
        arguments.Text("UniqueName").Should().Be("a b");
        arguments.All("VideoCodecs").Should().Equal("VP8", "H264");
        arguments.Text("Type").Should().BeNull("an empty value is no value");
        arguments.Int("EmptyRoomTimeout").Should().BeNull();
    }

    [Test]
    public void A_value_not_of_its_type_is_20001_with_twilios_message()
    {
        var arguments = CreateRoom("MaxParticipants=lots&AudioOnly=yes");

        ((Action)(() => arguments.Int("MaxParticipants"))).ShouldFailWithDomainError(400, 20001, "Invalid MaxParticipants: 'lots'");
        ((Action)(() => arguments.Bool("AudioOnly"))).ShouldFailWithDomainError(400, 20001, "Invalid AudioOnly: 'yes'");
    }

    [Test]
    public void A_date_filter_of_a_list_is_read_from_the_query()
    {
        var arguments = new Arguments(OperationCatalog.Of(Operation.ReadRoom), FormValues.Parse("DateCreatedAfter=2000-01-01"),
            FormValues.Parse("DateCreatedAfter=2026-01-05&Status=completed"));

        arguments.Date("DateCreatedAfter").Should().Be(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        arguments.Filters("Status", "UniqueName", "DateCreatedAfter").Should().Equal(
            new KeyValuePair<string, string>("Status", "completed"), new KeyValuePair<string, string>("DateCreatedAfter", "2026-01-05"));
    }

    [Test]
    public void Reading_an_undeclared_parameter_or_another_type_is_a_bug_in_the_fake()
    {
        var arguments = CreateRoom("Colour=blue&UniqueName=x");

        FluentActions.Invoking(() => arguments.Text("Colour")).Should().Throw<InvalidOperationException>()
            .WithMessage("CreateRoom POST /v1/Rooms declares no parameter Colour.");
        FluentActions.Invoking(() => arguments.Int("UniqueName")).Should().Throw<InvalidOperationException>()
            .WithMessage("CreateRoom POST /v1/Rooms declares UniqueName as String, not Integer.");
        FluentActions.Invoking(() => arguments.All("UniqueName")).Should().Throw<InvalidOperationException>()
            .WithMessage("CreateRoom POST /v1/Rooms declares UniqueName as a single value, not an array.");
    }
}
