using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FakeRooms.Tests.Http;

/// <summary>
/// WireMock hosts the fake and holds the test's stubs; every request no stub answers is the fake's, read by the request
/// guard and handed on explicitly. Over loopback HTTP and in memory.
/// </summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class WireMockAdapterTests(bool listen)
{
    private FakeRoomsServer _fake = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartFake()
    {
        _fake = await FakeRoomsServer.StartAsync(o => o.Listen = listen);
        _http = new HttpClient(_fake.CreateHttpMessageHandler()) { BaseAddress = new Uri(_fake.Url) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.ASCII.GetBytes($"{_fake.AccountSid}:{_fake.AuthToken}")));
    }

    [TearDown]
    public async Task StopFake()
    {
        _fake.InternalErrors.Should().BeEmpty();
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Test]
    public async Task With_a_stub_registered_the_stub_and_the_fake_each_answer_their_own_requests()
    {
        _fake.Stub(Request.Create().WithPath("/2010-04-01/Accounts/*/Calls.json").UsingGet(),
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"calls": []}"""));

        using var stubbed = await _http.GetAsync($"/2010-04-01/Accounts/{_fake.AccountSid}/Calls.json");
        using var rooms = await _http.GetAsync("/v1/Rooms?Status=in-progress");

        (await stubbed.Content.ReadAsStringAsync()).Should().Be("""{"calls": []}""");
        rooms.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await rooms.Content.ReadAsByteArrayAsync();
        Encoding.UTF8.GetString(body).Should().Contain("\"rooms\":[]");
        rooms.Content.Headers.ContentLength.Should().Be(body.Length, "the guard writes the fake's answers whole");
        rooms.Headers.Should().NotContain(h => h.Key.StartsWith("X-FakeRooms", StringComparison.OrdinalIgnoreCase),
            "the catch-all mapping's marker never reaches a client");
        _fake.Calls.Select(c => (c.Operation, c.StatusCode)).Should().Equal((Operation.Unknown, 200), (Operation.ReadRoom, 200));
        _fake.Calls.Snapshot()[1].QueryValue("Status").Should().Be("in-progress");
    }

    [Test]
    public async Task With_a_stub_registered_a_query_wiremock_cannot_parse_still_reaches_the_fake()
    {
        _fake.Stub(Request.Create().WithPath("/2010-04-01/*").UsingAnyMethod(), Response.Create().WithStatusCode(204));

        // WireMock splits on ';' and throws on a bare '=' or names differing only in case: a 500 if it saw this query.
        using var rooms = await _http.GetAsync("/v1/Rooms?UniqueName=a;b&=&uniquename=x&UNIQUENAME=y");

        rooms.StatusCode.Should().Be(HttpStatusCode.OK);
        _fake.Calls.Should().ContainSingle().Which.QueryValue("UniqueName").Should().Be("a;b");
    }

    [Test]
    public async Task A_form_body_reaches_the_fake_with_a_stub_registered_and_without()
    {
        using var before = await _http.PostAsync("/v1/Rooms", Form("UniqueName=before"));
        _fake.Stub(Request.Create().WithPath("/2010-04-01/*").UsingAnyMethod(), Response.Create().WithStatusCode(204));
        using var after = await _http.PostAsync("/v1/Rooms", Form("UniqueName=after&Type=go"));

        before.StatusCode.Should().Be(HttpStatusCode.Created);
        after.StatusCode.Should().Be(HttpStatusCode.Created);
        _fake.Calls.Select(c => (c.FormValue("UniqueName"), c.FormValue("Type"))).Should().Equal(("before", null), ("after", "go"));
        (await after.Content.ReadAsStringAsync()).Should().Contain("\"type\":\"go\"");
    }

    [Test]
    public async Task A_stub_overrides_a_route_of_the_fake_until_a_reset_and_the_fake_answers_alike_with_or_without_stubs()
    {
        // Without stubs WireMock's middleware is skipped (WireMockAdapter's class comment); a stub turns it on and a
        // reset off again, and the fake's answer has the same status, headers and body length either way.
        using var without = await _http.PostAsync("/v1/Rooms", Form("UniqueName=a"));
        _fake.Stub(Request.Create().WithPath("/v1/Rooms").UsingPost(), Response.Create().WithStatusCode(503));
        using var stubbed = await _http.PostAsync("/v1/Rooms", Form("UniqueName=b"));
        using var beside = await _http.PostAsync("/v1/Rooms/RMx/Participants", Form("Status=x"));
        _fake.Reset();
        using var after = await _http.PostAsync("/v1/Rooms", Form("UniqueName=c"));

        stubbed.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a stub answers before the fake's own route");
        beside.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed, "with a stub registered, other requests reach the fake");
        without.StatusCode.Should().Be(HttpStatusCode.Created);
        after.StatusCode.Should().Be(HttpStatusCode.Created, "a reset removes the stub");
        Names(after).Should().Equal(Names(without));
        after.Content.Headers.ContentLength.Should().Be(without.Content.Headers.ContentLength);
        _fake.Calls.Should().ContainSingle().Which.FormValue("UniqueName").Should().Be("c");

        static IEnumerable<string> Names(HttpResponseMessage response) =>
            response.Headers.Concat(response.Content.Headers).Select(h => h.Key).Order(StringComparer.OrdinalIgnoreCase);
    }

    [Test]
    public void No_type_of_the_fake_keeps_an_ambient_per_request_slot()
    {
        var ambient = typeof(FakeRoomsServer).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(AsyncLocal<>))
            .Select(f => $"{f.DeclaringType}.{f.Name}");

        ambient.Should().BeEmpty("a request's data is passed along its path, not parked beside it");
    }

    private static FormUrlEncodedContent Form(string encoded) =>
        new(encoded.Split('&').Select(p => p.Split('=')).Select(p => new KeyValuePair<string, string>(p[0], p[1])));
}
