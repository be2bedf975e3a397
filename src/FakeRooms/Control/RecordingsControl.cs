using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Recordings;
using FakeRooms.Http;
using FakeRooms.Wire;

namespace FakeRooms.Control;

/// <summary>
/// Failures Twilio never lets an app cause, for tests in any language: <c>POST /__fakerooms/recordings/{Sid}/fail</c>
/// (form <c>FailedOperation</c> = RecordingStart | RecordingComplete | RecordingUpload, default RecordingUpload) and
/// <c>POST /__fakerooms/compositions/{Sid}/fail</c> (form <c>ErrorMessage</c>). Default account unless the form names
/// another with <c>AccountSid</c>.
/// </summary>
internal static class RecordingsControl
{
    public static void Register(RouteTable routes)
    {
        routes.Add("POST", "/__fakerooms/recordings/{Sid}/fail", Operation.Control, FailRecording, control: true,
            summary: "Fails a recording (form FailedOperation RecordingStart|RecordingComplete|RecordingUpload; AccountSid): 200 with it.",
            parameters: [ControlParameters.Enum("FailedOperation", "RecordingStart", "RecordingComplete", "RecordingUpload"), ControlParameters.AccountSid]);
        routes.Add("POST", "/__fakerooms/compositions/{Sid}/fail", Operation.Control, FailComposition, control: true,
            summary: "Fails a composition (form ErrorMessage; AccountSid): 200 with it.",
            parameters: [ControlParameters.Text("ErrorMessage"), ControlParameters.AccountSid]);
    }

    private static HttpResult FailRecording(RequestContext ctx)
    {
        var raw = ctx.Arguments.Raw("FailedOperation");
        var operation = raw switch
        {
            null or "" or "RecordingUpload" => RecordingFailedOperation.RecordingUpload,
            "RecordingStart" => RecordingFailedOperation.RecordingStart,
            "RecordingComplete" => RecordingFailedOperation.RecordingComplete,
            _ => throw new TwilioErrorException(TwilioErrors.InvalidParameter("FailedOperation", raw)),
        };
        var recording = ControlParameters.StoreOf(ctx).FailRecording(ctx.Path("Sid"), operation);
        return new HttpResult(200, JsonText.Write(w => RecordingJson.Write(w, recording, ctx.BaseUrl, roomScoped: false)));
    }

    private static HttpResult FailComposition(RequestContext ctx)
    {
        var message = ctx.Arguments.Raw("ErrorMessage") is { Length: > 0 } given ? given : "Composition failed (simulated)";
        var composition = ControlParameters.StoreOf(ctx).FailComposition(ctx.Path("Sid"), message);
        return new HttpResult(200, JsonText.Write(w => CompositionJson.Write(w, composition, ctx.BaseUrl)));
    }
}
