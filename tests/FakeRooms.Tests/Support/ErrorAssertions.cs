using Twilio.Exceptions;

namespace FakeRooms.Tests.Support;

/// <summary>Asserts the Twilio error an in-process call or an SDK call fails with: code AND HTTP status.</summary>
public static class ErrorAssertions
{
    /// <summary>An in-process call (simulated participants) throws <see cref="TwilioVideoException"/> with this error.</summary>
    public static TwilioErrorInfo ShouldFailWithTwilioError(this Action act, int status, int code, string? message = null)
    {
        var error = act.Should().Throw<TwilioVideoException>().Which.Error;
        error.Code.Should().Be(code);
        error.HttpStatus.Should().Be(status);
        if (message is not null)
            error.Message.Should().Be(message);
        return error;
    }

    /// <summary>An SDK call throws <see cref="ApiException"/> with this error.</summary>
    public static async Task<ApiException> ShouldFailWithApiError(this Func<Task> act, int status, int code, string? message = null)
    {
        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Code.Should().Be(code);
        error.Status.Should().Be(status);
        if (message is not null)
            error.Message.Should().Be(message);
        return error;
    }
}
