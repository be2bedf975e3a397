using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;
using FakeRooms.Http;
using FakeRooms.Http.Catalogue;

namespace FakeRooms.Control;

/// <summary>
/// The parameters of the control API's routes, declared with each route (<see cref="RouteTable.Add"/>) as Twilio's
/// operations are in the catalogue: the control API's OpenAPI document lists them (form fields of a POST, query
/// parameters of a GET), and handlers read them through <see cref="RequestContext.Arguments"/>, which refuses a name
/// the route does not declare, so a parameter is named in one place.
/// </summary>
internal static class ControlParameters
{
    /// <summary>Which account a route acts on; the fake's own account when absent.</summary>
    public static ParameterDescription AccountSid => Text("AccountSid");

    public static ParameterDescription Text(string name) => new(name, ParameterType.String);

    public static ParameterDescription Int(string name, int? maximum = null) => new(name, ParameterType.Integer) { Maximum = maximum };

    public static ParameterDescription Number(string name) => new(name, ParameterType.Number);

    public static ParameterDescription Enum(string name, params string[] values) => new(name, ParameterType.Enum) { Values = values };

    /// <summary>
    /// A declared parameter's value; for a POST, from the form or else from the query: the control API is driven
    /// with curl and from test helpers in any language, which put a POST's few fields in either.
    /// </summary>
    public static string? Read(RequestContext ctx, string name) =>
        ctx.Arguments.Raw(name) ?? (ctx.Request.Method == "POST" ? ctx.Request.Query.First(name) : null);

    /// <summary>The store of the account the request names with <c>AccountSid</c> (declared by the route), else the fake's own.</summary>
    public static RoomStore StoreOf(RequestContext ctx)
    {
        var account = Read(ctx, "AccountSid");
        if (string.IsNullOrEmpty(account))
            return ctx.Server.Backend.Account(ctx.Server.AccountSid);
        // Spec pattern of account SIDs: ^AC[0-9a-fA-F]{32}$ (FACTS §1.2).
        if (!Authenticator.IsAccountSid(account))
            throw new TwilioErrorException(TwilioErrors.InvalidParameter("AccountSid", account));
        return ctx.Server.Backend.Account(account);
    }
}
