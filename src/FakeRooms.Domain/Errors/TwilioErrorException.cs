namespace FakeRooms.Domain.Errors;

/// <summary>The one exception the domain throws: it carries the Twilio error the request must be answered with.</summary>
internal sealed class TwilioErrorException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public TwilioErrorException(TwilioError error) : base($"{error.Code}: {error.Message}") => Error = error;

    /// <summary>The Twilio error to answer with.</summary>
    public TwilioError Error { get; }
}
