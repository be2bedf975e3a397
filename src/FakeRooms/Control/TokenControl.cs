using FakeRooms.Domain.Errors;
using FakeRooms.Http;
using FakeRooms.Wire;

namespace FakeRooms.Control;

/// <summary>
/// <c>POST /__fakerooms/connect</c>: a simulated Video client connects with an Access Token (form <c>Token</c>, and
/// optionally <c>Room</c>, the name twilio-video.js takes beside the token). 201 with the participant's REST JSON;
/// a refused token answers its Twilio code (20101-20107, 20157) in Twilio's error JSON.
/// </summary>
internal static class TokenControl
{
    public static void Register(RouteTable routes) =>
        routes.Add("POST", "/__fakerooms/connect", Operation.Control, Connect, control: true,
            summary: "A simulated client connects with an Access Token (form Token, optional Room): 201 with the participant; 20101-20107/20157 when the token is refused.",
            parameters: [ControlParameters.Text("Token").Required(), ControlParameters.Text("Room")]);

    private static HttpResult Connect(RequestContext ctx)
    {
        var token = ctx.Arguments.Raw("Token") ?? throw new TwilioErrorException(TwilioErrors.MissingParameter("Token"));
        var participant = ctx.Server.Tokens.Connect(token, ctx.Arguments.Raw("Room"), account: null);
        return new HttpResult(201, JsonText.Write(w => TwilioJson.WriteParticipant(w, participant, ctx.BaseUrl)));
    }
}
