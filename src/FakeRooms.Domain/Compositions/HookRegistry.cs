using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.State;

namespace FakeRooms.Domain.Compositions;

/// <summary>
/// Composition hooks and the account's recording/composition settings (FACTS §4; spec schemas
/// <c>video.v1.composition_hook</c>, <c>*_settings</c>). <see cref="CompositionRegistry"/> runs the hooks when a
/// group room completes.
/// </summary>
internal sealed class HookRegistry(AccountState account)
{
    private readonly Dictionary<string, HookState> _hooks = new(StringComparer.Ordinal);
    private readonly NewestFirstIndex<HookState> _hookIndex = new(static h => (h.Current.DateCreated, h.Current.Sequence));
    private MediaSettings? _recordingSettings;
    private MediaSettings? _compositionSettings;

    // ------------------------------------------------------------------ composition hooks

    /// <summary>Creates a hook (FriendlyName unique in the account, spec).</summary>
    public CompositionHook Create(CompositionHookCommand command)
    {
        using var held = account.Begin(out var now);
        EnsureFriendlyNameFree(command.FriendlyName, except: null);
        var hook = new CompositionHook
        {
            Sid = account.Sids.Next("HK"),
            AccountSid = account.AccountSid,
            FriendlyName = command.FriendlyName,
            // [INFERRED] enabled unless told otherwise.
            Enabled = command.Enabled ?? true,
            Spec = command.Spec,
            DateCreated = now,
            Sequence = account.NextSequence(),
        };
        Add(hook);
        return hook;
    }

    /// <summary>
    /// Replaces a hook's settings, read from the request once the hook is found (an unknown hook is 20404 before
    /// invalid settings), under the same lock. The spec's "updateWithDefaults" example shows that parameters left out
    /// go back to their defaults (<c>video_layout: {}</c>, <c>status_callback: null</c>), so the whole spec is replaced.
    /// </summary>
    public CompositionHook Update(string sid, Func<CompositionHookCommand> readCommand)
    {
        using var held = account.Begin(out var now);
        var state = Find(sid);
        var command = readCommand();
        EnsureFriendlyNameFree(command.FriendlyName, except: state);
        state.Current = state.Current with
        {
            FriendlyName = command.FriendlyName,
            Enabled = command.Enabled ?? true,
            Spec = command.Spec,
            DateUpdated = now,
        };
        return state.Current;
    }

    /// <summary>A hook by HK SID.</summary>
    public CompositionHook Get(string sid)
    {
        using var held = account.Begin(out _);
        return Find(sid).Current;
    }

    /// <summary>Deletes a hook (204); its compositions stay.</summary>
    public void Delete(string sid)
    {
        using var held = account.Begin(out _);
        var state = Find(sid);
        _hooks.Remove(sid);
        _hookIndex.Remove(state);
    }

    /// <summary>Hooks, newest first, filtered and paged.</summary>
    public ListPage<CompositionHook> List(CompositionHookQuery query)
    {
        using var held = account.Begin(out _);
        var matching = new List<HookState>();
        foreach (var state in _hookIndex)
        {
            var h = state.Current;
            if (query.Enabled is { } enabled && h.Enabled != enabled) continue;
            if (query.FriendlyName is { } name && !CompositionRules.Wildcard(name, h.FriendlyName, ignoreCase: true)) continue;
            matching.Add(state);
        }
        return Paging.Page(matching, static h => (h.Current.DateCreated, h.Current.Sequence), static h => h.Current,
            query.PageSize, query.Cursor, query.CreatedOnOrAfter, query.CreatedBefore);
    }

    /// <summary>The enabled hooks, oldest first (a completed room runs them in this order).</summary>
    public List<CompositionHook> EnabledOldestFirst() =>
        Enumerable.Reverse(_hookIndex).Where(h => h.Current.Enabled).Select(h => h.Current).ToList();

    public int Count => _hooks.Count;

    /// <summary>A hook by SID, or null.</summary>
    public CompositionHook? TryFind(string sid) => _hooks.GetValueOrDefault(sid)?.Current;

    // ------------------------------------------------------------------ settings

    /// <summary>The account's recording or composition settings (defaults until first set).</summary>
    public MediaSettings GetSettings(MediaSettingsKind kind)
    {
        lock (account.Gate)
        {
            account.ThrowIfRetired();
            return (kind == MediaSettingsKind.Recording ? _recordingSettings : _compositionSettings) ?? new MediaSettings { AccountSid = account.AccountSid };
        }
    }

    /// <summary>Replaces the account's recording or composition settings.</summary>
    public MediaSettings SetSettings(MediaSettingsKind kind, MediaSettings settings)
    {
        lock (account.Gate)
        {
            account.ThrowIfRetired();
            settings = settings with { AccountSid = account.AccountSid };
            if (kind == MediaSettingsKind.Recording)
                _recordingSettings = settings;
            else
                _compositionSettings = settings;
            return settings;
        }
    }

    /// <summary>True when neither setting was ever set.</summary>
    public bool SettingsUntouched => _recordingSettings is null && _compositionSettings is null;

    // ------------------------------------------------------------------ snapshots

    /// <summary>Hooks in creation order, and the settings.</summary>
    public (List<CompositionHook> Hooks, MediaSettings? Recording, MediaSettings? Composition) Export() =>
        (_hooks.Values.OrderBy(h => h.Current.Sequence).Select(h => h.Current).ToList(), _recordingSettings, _compositionSettings);

    /// <summary>Restores hooks and settings from a snapshot.</summary>
    public void Restore(AccountSnapshot snapshot)
    {
        foreach (var hook in snapshot.CompositionHooks.OrderBy(h => h.Sequence))
        {
            Add(hook);
            account.Sequence = Math.Max(account.Sequence, hook.Sequence);
        }
        _recordingSettings = snapshot.RecordingSettings;
        _compositionSettings = snapshot.CompositionSettings;
    }

    // ------------------------------------------------------------------ internals

    private void Add(CompositionHook hook)
    {
        var state = new HookState(hook);
        _hooks.Add(hook.Sid, state);
        _hookIndex.Add(state);
    }

    private HookState Find(string sid) =>
        _hooks.GetValueOrDefault(sid) ?? throw new TwilioErrorException(TwilioErrors.NotFound($"/CompositionHooks/{sid}"));

    private void EnsureFriendlyNameFree(string friendlyName, HookState? except)
    {
        foreach (var hook in _hooks.Values)
            if (!ReferenceEquals(hook, except) && string.Equals(hook.Current.FriendlyName, friendlyName, StringComparison.Ordinal))
                throw new TwilioErrorException(TwilioErrors.FriendlyNameInUse(friendlyName));
    }

    /// <summary>Mutable bookkeeping around a hook; touched only under the account lock.</summary>
    private sealed class HookState(CompositionHook current)
    {
        public CompositionHook Current = current;
    }
}
