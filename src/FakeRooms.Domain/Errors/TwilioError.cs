namespace FakeRooms.Domain.Errors;

/// <summary>
/// A Twilio REST error as the API reports it: a numeric code, the HTTP status it travels with and its message.
/// The wire layer renders it as <c>{code, message, more_info, status}</c>.
/// </summary>
/// <param name="Code">The Twilio error code, e.g. 53113.</param>
/// <param name="HttpStatus">The HTTP status code of the response that carries it.</param>
/// <param name="Message">The message, as Twilio words it.</param>
internal sealed record TwilioError(int Code, int HttpStatus, string Message)
{
    /// <summary>The documentation link Twilio puts in <c>more_info</c>.</summary>
    public string MoreInfo => $"https://www.twilio.com/docs/errors/{Code}";
}
