using System;
using System.Threading;

namespace Mshv.Runtime;

// The per-call reference, without an interlocked operation per call. A call publishes "this thread is inside a call
// on this handle" in its thread's slot (a plain store), then checks that the handle is not closing (a plain load); a
// Dispose marks the handle closing and runs a process-wide memory barrier (membarrier: every CPU drains its store
// buffer) before it scans the slots. Either the caller's store is visible to the scan, or the caller's load comes
// after the barrier and sees "closing" (then it takes the SafeHandle path, which throws ObjectDisposedException once
// closed). A Dispose that finds callers inside takes one SafeHandle reference for them; the last caller to leave
// drops it, so the descriptor is closed right after the last in-flight call returns, as with DangerousAddRef.
public abstract unsafe partial class FileDescriptorSafeHandle
{
    private static readonly object SlotsLock = new();
    private static CallSlot[] slots = [];

    [ThreadStatic]
    private static CallSlot? threadSlot;

    private int closing;
    private int deferredReference;

    /// <summary>Publishes this handle in the calling thread's slot; false when the handle is closing (or the slot is in use).</summary>
    private bool TryEnterCall(out CallSlot slot)
    {
        slot = threadSlot ?? RegisterSlot();
        if (slot.Current is not null)
        {
            return false;
        }

        Volatile.Write(ref slot.Current, this);
        if (Volatile.Read(ref closing) == 0)
        {
            return true;
        }

        Volatile.Write(ref slot.Current, null);
        LeaveWhileClosing();
        return false;
    }

    private void ExitCall(CallSlot slot)
    {
        Volatile.Write(ref slot.Current, null);
        if (Volatile.Read(ref closing) != 0)
        {
            LeaveWhileClosing();
        }
    }

    private void LeaveWhileClosing()
    {
        // Our own store must be visible before we look at the others' (two callers leaving at once both see each other gone).
        Interlocked.MemoryBarrier();
        if (!AnySlotHolds(this) && Interlocked.Exchange(ref deferredReference, 0) == 1)
        {
            DangerousRelease();
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref closing, 1) == 0)
        {
            Interlocked.MemoryBarrierProcessWide();
            if (AnySlotHolds(this))
            {
                bool added = false;
                DangerousAddRef(ref added);
                Volatile.Write(ref deferredReference, 1);
                Interlocked.MemoryBarrierProcessWide();
                if (!AnySlotHolds(this) && Interlocked.Exchange(ref deferredReference, 0) == 1)
                {
                    DangerousRelease();
                }
            }
        }

        base.Dispose(disposing);
    }

    private static bool AnySlotHolds(FileDescriptorSafeHandle handle)
    {
        foreach (CallSlot slot in Volatile.Read(ref slots))
        {
            if (ReferenceEquals(Volatile.Read(ref slot.Current), handle))
            {
                return true;
            }
        }

        return false;
    }

    private static CallSlot RegisterSlot()
    {
        CallSlot slot = new();
        lock (SlotsLock)
        {
            // Reuse the slot of a thread that has ended, so the array stays as large as the most threads that ever called at once.
            CallSlot[] current = slots;
            for (int i = 0; i < current.Length; i++)
            {
                if (!current[i].Owner.TryGetTarget(out Thread? owner) || !owner.IsAlive)
                {
                    CallSlot[] copy = (CallSlot[])current.Clone();
                    copy[i] = slot;
                    Volatile.Write(ref slots, copy);
                    threadSlot = slot;
                    return slot;
                }
            }

            Volatile.Write(ref slots, [.. current, slot]);
        }

        threadSlot = slot;
        return slot;
    }

    /// <summary>Which handle one thread is inside a call on (null between calls).</summary>
    private sealed class CallSlot
    {
        public FileDescriptorSafeHandle? Current;

        public WeakReference<Thread> Owner { get; } = new(Thread.CurrentThread);
    }
}
