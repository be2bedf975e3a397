namespace FakeRooms.Domain.Rooms;

/// <summary>Raised by an operation on a store a reset or restore has retired: run it again on the account's live store.</summary>
internal sealed class StoreRetiredException() : Exception("The account was reset while this operation waited; run it again.");

/// <summary>How a store leaves the account map: retired (by a reset or restore), or dropped while it holds nothing.</summary>
internal sealed partial class RoomStore
{
    private bool _retired;

    /// <summary>
    /// Marks the store as no longer the account's. An operation that holds the lock now finishes first (it happened
    /// before the reset); any later one throws <see cref="StoreRetiredException"/> instead of writing where nobody
    /// will read it.
    /// </summary>
    public void Retire()
    {
        lock (_gate)
            _retired = true;
    }

    /// <summary>Retires the store if it holds nothing a request could have changed; true when it did.</summary>
    public bool RetireIfPristine()
    {
        lock (_gate)
        {
            if (_retired)
                return true;
            if (_sids.Draws != 0 || _bySid.Count != 0 || _recordings.Count != 0 || _compositions.Count != 0 || _hooks.Count != 0 ||
                _recordingSettings is not null || _compositionSettings is not null)
                return false;
            _retired = true;
            return true;
        }
    }

    /// <summary>Called first under the lock by every operation.</summary>
    private void ThrowIfRetired()
    {
        if (_retired)
            throw new StoreRetiredException();
    }
}
