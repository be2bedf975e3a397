using FakeRooms.Callbacks;
using FakeRooms.Domain.Sids;
using FakeRooms.Journal;
using Twilio.Clients;

namespace FakeRooms;

/// <summary>
/// One account of a <see cref="FakeRoomsServer"/>: its credentials, its calls, its rooms. In
/// <see cref="AuthMode.AnyAccount"/> mode every account is isolated, so tests that share one server each work through
/// their own account and never see each other's rooms or calls.
/// </summary>
/// <example>
/// <code>
/// var account = fake.ForAccount("AC0123456789abcdef0123456789abcdef");
/// var room = await RoomResource.CreateAsync(uniqueName: "standup", client: account.CreateTwilioClient());
/// account.Calls.Should().ContainSingle();
/// </code>
/// </example>
public sealed class FakeRoomsAccount
{
    internal FakeRoomsAccount(FakeRoomsServer server, string accountSid, string authToken)
    {
        Server = server;
        AccountSid = accountSid;
        AuthToken = authToken;
    }

    /// <summary>The server the account lives on.</summary>
    public FakeRoomsServer Server { get; }

    /// <summary>The account SID (<c>AC...</c>).</summary>
    public string AccountSid { get; }

    /// <summary>The auth token <see cref="CreateTwilioClient"/> authenticates with.</summary>
    public string AuthToken { get; }

    /// <summary>
    /// The calls made with this account's credentials. Calls whose authentication failed belong to no account and
    /// appear only in the server's <see cref="FakeRoomsServer.Calls"/>.
    /// </summary>
    public CallJournal Calls => Server.Calls.ForAccount(AccountSid);

    /// <summary>The account's rooms, and simulated participants joining them.</summary>
    public SimulatedRooms Rooms => Server.RoomsOf(AccountSid);

    /// <summary>
    /// Scripted Twilio failures for this account only: the same API as <see cref="FakeRoomsServer.Faults"/>, but its
    /// rules apply only to calls authenticated as this account and to callbacks of its rooms, its rate limits only to
    /// this account, and <see cref="Reset"/> clears them. Tests sharing one fake each script their own failures here
    /// without touching the others'. Checked before the server-wide rules.
    /// </summary>
    /// <example>
    /// <code>
    /// account.Faults.On(TwilioOperation.CreateRoom).Once().RespondWithServiceUnavailable();
    /// </code>
    /// </example>
    public Faults.FaultInjector Faults => Server.Faults.ForAccount(AccountSid);

    /// <summary>
    /// The status callbacks sent for this account's rooms so far, in delivery order (a snapshot of
    /// <see cref="FakeRoomsServer.Callbacks"/>). Callbacks go out in the background: wait with
    /// <see cref="WaitForCallbackAsync"/> before reading. Copied at each read: keep the list rather than reading the
    /// property per item.
    /// </summary>
    public IReadOnlyList<CallbackRecord> Callbacks => Server.Callbacks.Snapshot().Where(c => c.AccountSid == AccountSid).ToList().AsReadOnly();

    /// <summary>
    /// Waits for a status callback of this account that matches, as <see cref="CallbackJournal.WaitForAsync"/> does
    /// (a record already delivered counts), ignoring other accounts' callbacks.
    /// </summary>
    /// <param name="predicate">Which delivery to wait for, e.g. <c>c =&gt; c.Event == "room-ended"</c>.</param>
    /// <param name="timeout">How long to wait; default <see cref="CallbackJournal.DefaultWaitTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">No match in time.</exception>
    public Task<CallbackRecord> WaitForCallbackAsync(Func<CallbackRecord, bool> predicate, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Server.Callbacks.WaitForAsync(c => c.AccountSid == AccountSid && predicate(c), timeout, cancellationToken);
    }

    /// <summary>The official Twilio SDK's client, authenticated as this account and wired to the fake.</summary>
    public TwilioRestClient CreateTwilioClient() => Server.CreateTwilioClient(AccountSid, AuthToken);

    /// <summary>
    /// Like <see cref="FakeRoomsServer.DeliverCallbacksThrough"/>, for this account's callbacks only: apps of tests that
    /// share one fake, each with its own account, each receive their own callbacks.
    /// </summary>
    /// <param name="handler">The handler to send this account's callbacks to.</param>
    /// <param name="origin">Only callbacks for this origin (scheme, host and port); null for every callback of the account.</param>
    /// <returns>Dispose it to send the callbacks where they went before.</returns>
    public IDisposable DeliverCallbacksThrough(HttpMessageHandler handler, Uri? origin = null)
    {
        FakeRoomsServer.CheckDiversion(handler, origin);
        return Server.CallbackDispatcher.Route.Divert(handler, origin, AccountSid);
    }

    /// <summary>Forgets this account's rooms, calls, callbacks and faults (<see cref="Faults"/>, and the server-wide rules aimed
    /// at this account); other accounts are untouched.</summary>
    public void Reset() => Server.Reset(AccountSid);

    /// <inheritdoc />
    public override string ToString() => $"account {AccountSid}";

    /// <summary>
    /// The token for an account that has none yet: derived from the server seed and the SID, so reruns get the same
    /// token (in AnyAccount mode any non-empty token is accepted).
    /// </summary>
    internal static string DeriveToken(int seed, string accountSid) => SidGenerator.For(seed, "token:" + accountSid).Token();
}
