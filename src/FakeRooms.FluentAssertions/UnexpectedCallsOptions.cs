#if AWESOME_ASSERTIONS
namespace FakeRooms.AwesomeAssertions;
#else
namespace FakeRooms.FluentAssertions;
#endif

/// <summary>
/// What <see cref="FakeRoomsAssertions.HaveNoUnexpectedCalls(Func{UnexpectedCallsOptions, UnexpectedCallsOptions}, string, object[])"/>
/// lets pass because the app does it on purpose.
/// </summary>
public sealed class UnexpectedCallsOptions
{
    private readonly HashSet<(Operation Operation, int? Code)> _rejections = [];
    private readonly HashSet<string> _ignored = new(StringComparer.Ordinal);

    internal UnexpectedCallsOptions()
    {
    }

    /// <summary>Allows calls of <paramref name="operation"/> answered with this Twilio error code (e.g. FetchRoom, 20404).</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="errorCode">The Twilio error code.</param>
    public UnexpectedCallsOptions Rejection(Operation operation, int errorCode)
    {
        _rejections.Add((operation, errorCode));
        return this;
    }

    /// <summary>Allows a parameter Twilio ignores (for example one the app sends for a newer API version).</summary>
    /// <param name="name">The parameter name as sent.</param>
    public UnexpectedCallsOptions IgnoredParameter(string name)
    {
        _ignored.Add(name);
        return this;
    }

    internal bool AllowsRejection(Operation operation, int? code) => _rejections.Contains((operation, code));

    internal bool AllowsIgnored(string name) => _ignored.Contains(name);
}
