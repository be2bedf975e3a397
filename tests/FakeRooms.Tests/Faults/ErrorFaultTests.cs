using FakeRooms.Tests.Support;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;

namespace FakeRooms.Tests.Faults;

public sealed class ErrorFaultTests : FakeRoomsTest
{
    [Test]
    public async Task Next_two_creations_are_rate_limited_with_20429_then_twilio_recovers()
    {
        var rule = Fake.Faults.On(TwilioOperation.CreateRoom).Next(2).RespondWithTooManyRequests(retryAfter: TimeSpan.FromSeconds(3));

        var first = await CreateExpectingError("standup");
        var retryAfter = Twilio.HttpClient.LastResponse.Headers.RetryAfter?.Delta;
        var second = await CreateExpectingError("standup");
        var third = await RoomResource.CreateAsync(uniqueName: "standup", client: Twilio);

        (first.Code, first.Status, first.Message).Should().Be((20429, 429, "Too Many Requests"));
        first.MoreInfo.Should().Be("https://www.twilio.com/docs/errors/20429");
        retryAfter.Should().Be(TimeSpan.FromSeconds(3));
        (second.Code, second.Status).Should().Be((20429, 429));
        third.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        (rule.Fired, rule.Remaining, rule.IsActive).Should().Be((2, 0, false));
    }

    [Test]
    public async Task Rate_limited_call_is_not_processed()
    {
        Fake.Faults.On(TwilioOperation.CreateRoom).Once().RespondWithTooManyRequests();

        await CreateExpectingError("not-created");

        Fake.Rooms.All.Should().BeEmpty();
        Twilio.HttpClient.LastResponse.Headers.RetryAfter.Should().BeNull("no Retry-After was asked for");
    }

    [Test]
    public async Task Internal_server_error_returns_500_with_code_20500()
    {
        Fake.Faults.On(TwilioOperation.CreateRoom).Once().RespondWithInternalServerError();

        var error = await CreateExpectingError("outage");

        (error.Code, error.Status, error.Message).Should().Be((20500, 500, "Internal Server Error"));
    }

    [Test]
    public async Task Service_unavailable_returns_503_with_code_20503_and_retry_after()
    {
        Fake.Faults.On(TwilioOperation.CreateRoom).Once().RespondWithServiceUnavailable(TimeSpan.FromMilliseconds(1500));

        var error = await CreateExpectingError("outage");

        (error.Code, error.Status, error.Message).Should().Be((20503, 503, "Service unavailable"));
        Twilio.HttpClient.LastResponse.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2), "whole seconds, rounded up");
    }

    [Test]
    public async Task Any_code_and_status_come_back_in_twilios_error_shape()
    {
        Fake.Faults.On(TwilioOperation.CreateRoom).Once().RespondWithError(400, 53103, "Unable to create Room");

        var raw = await PostForm("/v1/Rooms", "UniqueName=x");
        Fake.Faults.On(TwilioOperation.CreateRoom).Once().RespondWithError(409, 99999, "Made up");
        var error = await CreateExpectingError("x");

        raw.ShouldBeTwilioError(400, 53103, "Unable to create Room");
        (error.Code, error.Status, error.Message).Should().Be((99999, 409, "Made up"));
    }

    [Test]
    public async Task Journal_tells_injected_failures_from_real_ones()
    {
        await RoomResource.CreateAsync(uniqueName: "taken", client: Twilio);
        Fake.Faults.On(TwilioOperation.CreateRoom).Once().RespondWithTooManyRequests(TimeSpan.FromSeconds(1));

        await CreateExpectingError("a");        // injected 429
        await CreateExpectingError("taken");    // real 53113

        var calls = Fake.Calls.Of(Operation.CreateRoom);
        calls.Select(c => (c.StatusCode, c.ErrorCode, c.InjectedFault)).Should().Equal(
            (201, null, null),
            (429, 20429, "fault-1: 429 20429 Too Many Requests, Retry-After 1"),
            (400, 53113, null));
    }

    [Test]
    public async Task Always_fires_on_every_matching_call_and_only_on_that_operation()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "steady", client: Twilio);
        var rule = Fake.Faults.On(TwilioOperation.FetchRoom).Always().RespondWithServiceUnavailable();

        for (var i = 0; i < 3; i++)
            (await FetchExpectingError(room.Sid)).Code.Should().Be(20503);
        var list = await RoomResource.ReadAsync(client: Twilio);

        list.Should().ContainSingle();
        rule.Fired.Should().Be(3);
        rule.IsActive.Should().BeTrue();
    }

    [Test]
    public async Task Rule_for_several_operations_fires_on_each()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "multi", client: Twilio);
        Fake.Faults.On(TwilioOperation.FetchRoom, TwilioOperation.UpdateRoom).Always().RespondWithInternalServerError();

        var fetch = await FetchExpectingError(room.Sid);
        var update = async () => await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);

        fetch.Code.Should().Be(20500);
        (await update.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20500);
    }

    [Test]
    public async Task Room_rule_matches_the_room_by_name_or_sid_in_any_operation()
    {
        var target = await RoomResource.CreateAsync(uniqueName: "target", client: Twilio);
        var other = await RoomResource.CreateAsync(uniqueName: "other", client: Twilio);
        var rule = Fake.Faults.OnRoom("target").Always().RespondWithError(404, 20404, $"The requested resource /Rooms/{target.Sid} was not found");

        var bySid = await FetchExpectingError(target.Sid);
        var byName = await FetchExpectingError("target");
        var participants = async () => await ParticipantResource.ReadAsync(target.Sid, client: Twilio);
        var untouched = await RoomResource.FetchAsync(other.Sid, client: Twilio);

        (bySid.Code, byName.Code).Should().Be((20404, 20404));
        (await participants.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(404);
        untouched.Sid.Should().Be(other.Sid);
        rule.Fired.Should().Be(3);
    }

    [Test]
    public async Task Room_rule_by_sid_matches_calls_that_use_the_unique_name()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "named", client: Twilio);
        Fake.Faults.On(TwilioOperation.FetchRoom).ForRoom(room.Sid).Once().RespondWithInternalServerError();

        var error = await FetchExpectingError("named");

        error.Code.Should().Be(20500);
    }

    [Test]
    public async Task Room_rule_by_name_matches_the_create_that_names_it()
    {
        Fake.Faults.OnRoom("launch").Once().RespondWithTooManyRequests();

        var other = await RoomResource.CreateAsync(uniqueName: "unrelated", client: Twilio);
        var error = await CreateExpectingError("launch");

        other.UniqueName.Should().Be("unrelated");
        error.Code.Should().Be(20429);
    }

    [Test]
    public async Task Account_rule_fires_only_for_that_account()
    {
        Fake.Faults.OnAccount("AC00000000000000000000000000000000").Always().RespondWithInternalServerError();
        var rule = Fake.Faults.On(TwilioOperation.CreateRoom).ForAccount(Fake.AccountSid).Once().RespondWithInternalServerError();

        var error = await CreateExpectingError("mine");
        var created = await RoomResource.CreateAsync(uniqueName: "mine", client: Twilio);

        error.Code.Should().Be(20500);
        created.UniqueName.Should().Be("mine");
        rule.Fired.Should().Be(1);
        Fake.Faults.Rules[0].Fired.Should().Be(0);
    }

    [Test]
    public async Task Failed_authentication_is_answered_before_any_fault()
    {
        Fake.Faults.OnAnyOperation().Always().RespondWithInternalServerError();
        using var anonymous = NewHttpClient(Fake.AccountSid, "wrong-token");

        var answer = await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms"), anonymous);

        answer.ShouldBeTwilioError(401, 20003);
        Fake.Faults.Rules[0].Fired.Should().Be(0);
    }

    [Test]
    public async Task Control_api_is_never_faulted()
    {
        Fake.Faults.OnAnyOperation().Always().DropConnection();

        var health = await Get("/__fakerooms/health");

        health.Status.Should().Be(System.Net.HttpStatusCode.OK);
    }

    [Test]
    public async Task First_matching_rule_wins_and_later_rules_wait()
    {
        var first = Fake.Faults.On(TwilioOperation.CreateRoom).Once().RespondWithInternalServerError();
        var second = Fake.Faults.OnAnyOperation().Once().RespondWithServiceUnavailable();

        var a = await CreateExpectingError("a");
        var b = await CreateExpectingError("b");

        (a.Code, b.Code).Should().Be((20500, 20503));
        (first.Fired, second.Fired).Should().Be((1, 1));
    }

    [Test]
    public async Task Clear_and_remove_stop_rules_and_keep_their_counts()
    {
        var kept = Fake.Faults.On(TwilioOperation.CreateRoom).Always().RespondWithInternalServerError();
        var removed = Fake.Faults.On(TwilioOperation.FetchRoom).Always().RespondWithInternalServerError();
        await CreateExpectingError("a");

        Fake.Faults.Remove(removed).Should().BeTrue();
        Fake.Faults.Rules.Should().Equal(kept);
        Fake.Faults.Clear();
        var room = await RoomResource.CreateAsync(uniqueName: "a", client: Twilio);

        room.UniqueName.Should().Be("a");
        Fake.Faults.Rules.Should().BeEmpty();
        (kept.Fired, kept.IsActive, removed.IsActive).Should().Be((1, false, false));
        Fake.Faults.Remove(kept).Should().BeFalse();
    }

    [Test]
    public async Task Reset_clears_faults_and_ids_start_again()
    {
        Fake.Faults.On(TwilioOperation.CreateRoom).Always().RespondWithInternalServerError();

        Fake.Reset();
        var room = await RoomResource.CreateAsync(uniqueName: "after-reset", client: Twilio);
        var next = Fake.Faults.On(TwilioOperation.FetchRoom).Once().RespondWithInternalServerError();

        room.UniqueName.Should().Be("after-reset");
        next.Id.Should().Be("fault-1");
        next.Description.Should().Be("fault-1: FetchRoom, next call: 500 20500 Internal Server Error");
    }

    [Test]
    public async Task Error_after_a_delay_is_still_twilios_error()
    {
        Fake.Faults.On(TwilioOperation.CreateRoom).Once().AfterDelay(TimeSpan.FromMilliseconds(10)).RespondWithTooManyRequests();

        var error = await CreateExpectingError("late");

        error.Code.Should().Be(20429);
        Fake.Calls.Of(Operation.CreateRoom)[^1].InjectedFault.Should().Be("fault-1: 429 20429 Too Many Requests, after 10 ms");
    }

    [Test]
    public void Builder_rejects_values_that_cannot_work()
    {
        var faults = Fake.Faults;

        // Unknown and Control are no TwilioOperation (PublicModelTests); only a cast integer can name them.
        ((Action)(() => faults.On((TwilioOperation)(int)Operation.Unknown))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => faults.On((TwilioOperation)(int)Operation.Control))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => faults.OnAnyOperation().Next(0))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => faults.OnAnyOperation().WithProbability(1.5))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => faults.OnAnyOperation().WithProbability(double.NaN))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => faults.OnAnyOperation().Once().RespondWithError(200, 1, "ok"))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => faults.OnAnyOperation().Once().Delay(TimeSpan.FromHours(1)))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => faults.OnAnyOperation().Once().Delay(TimeSpan.FromSeconds(-1)))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => faults.OnRoom(""))).Should().Throw<ArgumentException>();
        faults.Rules.Should().BeEmpty();
    }

    private async Task<ApiException> CreateExpectingError(string uniqueName)
    {
        var act = () => RoomResource.CreateAsync(uniqueName: uniqueName, client: Twilio);
        return (await act.Should().ThrowAsync<ApiException>()).Which;
    }

    private async Task<ApiException> FetchExpectingError(string sidOrName)
    {
        var act = () => RoomResource.FetchAsync(sidOrName, client: Twilio);
        return (await act.Should().ThrowAsync<ApiException>()).Which;
    }
}
