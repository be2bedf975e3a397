using FakeRooms.Control;
using FakeRooms.Domain.Errors;
using FakeRooms.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FakeRooms.Hosting;

/// <summary>
/// The first middleware on the port when the control API has a token (Control/ControlToken.cs): any request under
/// <c>/__fakerooms/</c> (pages included) without it gets 401 in the control API's format before anything else runs.
/// A token given as <c>?token=</c> is kept in a cookie, so a browser page's own requests carry it.
/// </summary>
internal sealed class ControlTokenGuard(string token)
{
    public void Install(object app) => ((IApplicationBuilder)app).Use(next => context => InvokeAsync(context, next));

    private async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!ControlToken.Guards(HttpRequestData.SplitPath(request.Path.ToUriComponent())))
        {
            await next(context);
            return;
        }
        string? fromQuery = request.Query.TryGetValue("token", out var values) ? values.ToString() : null;
        if (ControlToken.Presented(token, request.Headers.Authorization.ToString(), fromQuery, request.Headers.Cookie.ToString()))
        {
            if (fromQuery is not null && ControlToken.CookieValue(request.Headers.Cookie.ToString()) != token)
                context.Response.Cookies.Append(ControlToken.Cookie, token, new CookieOptions
                {
                    Path = "/" + Dispatcher.ControlPrefix,
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                });
            await next(context);
            return;
        }
        await RequestGuard.WriteAsync(context, Dispatcher.ErrorResult(ControlToken.Required) with
        {
            Headers = [new("WWW-Authenticate", ControlToken.Challenge)],
        });
    }
}
