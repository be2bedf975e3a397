using System.Text;
using FakeRooms.Http;

namespace FakeRooms.Bench;

/// <summary>
/// Calls a fake's dispatcher directly (no socket, no WireMock): routing, authentication, handler, JSON and journal,
/// exactly as an HTTP request would run them. For memory and paging measurements that sockets would only blur.
/// </summary>
internal sealed class InProcess(FakeRoomsServer fake)
{
    private readonly string _host = new Uri(fake.Url).Authority;

    private readonly string _authorization =
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}"));

    public HttpResult Get(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?');
        var path = q < 0 ? pathAndQuery : pathAndQuery[..q];
        var query = q < 0 ? null : pathAndQuery[q..];
        return fake.Dispatcher.Handle(Request("GET", path, query, null));
    }

    public HttpResult Post(string path, string form) => fake.Dispatcher.Handle(Request("POST", path, null, form));

    private HttpRequestData Request(string method, string path, string? query, string? form)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Authorization"] = _authorization,
            ["Host"] = _host,
        };
        if (form is not null)
            headers["Content-Type"] = "application/x-www-form-urlencoded";
        return new HttpRequestData
        {
            Method = method,
            RawPath = path,
            Segments = HttpRequestData.SplitPath(path),
            Query = FormValues.Parse(query),
            Form = form is null ? FormValues.Empty : FormValues.Parse(form),
            ContentType = form is null ? null : "application/x-www-form-urlencoded",
            Authorization = _authorization,
            Origin = fake.Url,
            BodyLength = form is null ? 0 : Encoding.UTF8.GetByteCount(form),
            Headers = headers,
        };
    }
}
