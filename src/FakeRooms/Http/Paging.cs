using System.Globalization;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;
using FakeRooms.Http.Catalogue;
using FakeRooms.Wire;

namespace FakeRooms.Http;

/// <summary>
/// Reads <c>PageSize</c>, <c>Page</c> and <c>PageToken</c>, and builds the page URLs. URLs keep the filters first,
/// in the order given, then <c>PageSize</c> and <c>Page</c> (and <c>PageToken</c> on next/previous), as Twilio's do
/// (FACTS §1.3). They are absolute, on the fake's public base URL, so SDKs that GET <c>next_page_url</c> verbatim
/// come back here.
/// </summary>
internal sealed record PageRequest(int PageSize, int Page, PageCursor? Cursor)
{
    public const int DefaultPageSize = 50;

    /// <summary>PageSize, Page and PageToken of a list operation; PageSize's maximum is its declared one.</summary>
    public static PageRequest Parse(Arguments arguments)
    {
        var size = DefaultPageSize;
        if (arguments.Raw("PageSize") is { Length: > 0 } rawSize)
        {
            // Spec: PageSize minimum 1, maximum 1000 (100 for Compositions and Recordings).
            var maxPageSize = arguments.Operation.Find("PageSize")!.Maximum ?? int.MaxValue;
            if (!long.TryParse(rawSize, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("PageSize", rawSize));
            if (parsed < 1 || parsed > maxPageSize)
                throw new TwilioErrorException(TwilioErrors.OutOfRange("PageSize", rawSize, $"1 to {maxPageSize}"));
            size = (int)parsed;
        }
        var page = 0;
        if (arguments.Raw("Page") is { Length: > 0 } rawPage &&
            (!int.TryParse(rawPage, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 0))
            throw new TwilioErrorException(TwilioErrors.InvalidParameter("Page", rawPage));
        PageCursor? cursor = null;
        if (arguments.Raw("PageToken") is { Length: > 0 } token)
            cursor = DecodeToken(token) ?? throw new TwilioErrorException(TwilioErrors.InvalidParameter("PageToken", token));
        return new PageRequest(size, page, cursor);
    }

    /// <summary>Opaque to clients: <c>PA</c> (next) or <c>PB</c> (previous), then the boundary item's key in hex.</summary>
    public static string EncodeToken(PageCursor cursor) =>
        (cursor.Forward ? "PA" : "PB") + cursor.Created.UtcTicks.ToString("x16", CultureInfo.InvariantCulture) +
        cursor.Sequence.ToString("x16", CultureInfo.InvariantCulture);

    public static PageCursor? DecodeToken(string token)
    {
        if (token.Length != 34 || token[0] != 'P' || token[1] is not ('A' or 'B'))
            return null;
        if (!long.TryParse(token.AsSpan(2, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var ticks) ||
            !long.TryParse(token.AsSpan(18, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var sequence) ||
            ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            return null;
        return new PageCursor(new DateTimeOffset(ticks, TimeSpan.Zero), sequence, token[1] == 'A');
    }

    /// <summary>The meta block for a page of <paramref name="page"/>.</summary>
    public PageMeta Meta<T>(string baseUrl, string path, IEnumerable<KeyValuePair<string, string>> filters, ListPage<T> page)
    {
        var prefix = baseUrl + path + "?";
        var filterPart = string.Concat(filters.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value) + "&"));
        string Url(int pageIndex, PageCursor? cursor) =>
            prefix + filterPart + "PageSize=" + PageSize.ToString(CultureInfo.InvariantCulture) +
            "&Page=" + pageIndex.ToString(CultureInfo.InvariantCulture) +
            (cursor is null ? "" : "&PageToken=" + EncodeToken(cursor));
        return new PageMeta(
            Page,
            PageSize,
            Url(0, null),
            page.Previous is { } previous ? Url(Math.Max(0, Page - 1), previous) : null,
            Url(Page, Cursor),
            page.Next is { } next ? Url(Page + 1, next) : null);
    }
}
