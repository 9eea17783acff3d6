using System;
using Mshv.Interop.Upstream;
using Mshv.Runtime;

namespace Mshv.Upstream;

/// <summary>
/// A virtual processor: owns the descriptor MSHV_CREATE_VP returned and the two pages of it the driver lets user space
/// map (rust-vmm's <c>VcpuFd</c>). Its methods are the VP requests of the upstream driver.
/// </summary>
/// <remarks>
/// The pages are unmapped when the VP is disposed; every <see cref="MemoryMapping"/> access (<see cref="MemoryMapping.Read{T}"/>,
/// <see cref="MemoryMapping.Access{TResult}"/>…) then throws <see cref="ObjectDisposedException"/> instead of touching unmapped memory.
/// </remarks>
public sealed unsafe class VirtualProcessor : IDisposable
{
    private VirtualProcessor(FileDescriptorHandle<MshvFdKinds.Vp> handle, uint index, MemoryMapping registers, MemoryMapping interceptMessage)
    {
        Handle = handle;
        Index = index;
        RegisterPage = registers;
        InterceptMessagePage = interceptMessage;
    }

    /// <summary>The VP descriptor (vp kind: partition and device requests do not compile on it), for requests this class does not wrap.</summary>
    public FileDescriptorHandle<MshvFdKinds.Vp> Handle { get; }

    /// <summary>The VP index given to MSHV_CREATE_VP.</summary>
    public uint Index { get; }

    /// <summary>The hypervisor's register page of this VP (mmap offset MSHV_VP_MMAP_OFFSET_REGISTERS), MSHV_HV_PAGE_SIZE bytes.</summary>
    public MemoryMapping RegisterPage { get; }

    /// <summary>The intercept message page (mmap offset MSHV_VP_MMAP_OFFSET_INTERCEPT_MESSAGE): the last message the VP produced.</summary>
    public MemoryMapping InterceptMessagePage { get; }

    /// <summary>MSHV_RUN_VP: runs the VP until it exits to the VMM and returns the intercept message (struct hv_message bytes).</summary>
    /// <exception cref="IoctlException">EINTR when a signal interrupted the run before an intercept, and so on.</exception>
    public mshv_run_vp Run()
    {
        mshv_run_vp message = default;
        Handle.Ioctl(MshvIoctls.MSHV_RUN_VP, ref message);
        return message;
    }

    /// <summary>MSHV_RUN_VP into the caller's message buffer.</summary>
    public void Run(ref mshv_run_vp message) => Handle.Ioctl(MshvIoctls.MSHV_RUN_VP, ref message);

    /// <summary>
    /// MSHV_GET_VP_STATE into <paramref name="buffer"/> (page-aligned whole pages, e.g. <see cref="MemoryMapping.Anonymous"/>).
    /// Returns the size of the state; the bytes after it are untouched.
    /// </summary>
    /// <exception cref="IoctlException">EINVAL when the buffer is smaller than the state; the message says the size needed.</exception>
    public int GetState(VpStateKind kind, MemoryMapping buffer) => Transfer(MshvIoctls.MSHV_GET_VP_STATE, kind, buffer);

    /// <summary>MSHV_SET_VP_STATE from <paramref name="buffer"/>: the driver reads the state's size from it. Returns that size.</summary>
    public int SetState(VpStateKind kind, MemoryMapping buffer) => Transfer(MshvIoctls.MSHV_SET_VP_STATE, kind, buffer);

    /// <summary>MSHV_ROOT_HVCALL on the VP descriptor: a pass-through hypercall (asynchronous ones only work on the partition).</summary>
    public HypercallResult Hypercall(ushort code, ReadOnlySpan<byte> input, Span<byte> output, ushort reps = 0) =>
        RootHypercall.Invoke(Handle, code, input, output, reps);

    /// <summary>Unmaps the VP's pages and closes its descriptor.</summary>
    public void Dispose()
    {
        RegisterPage.Dispose();
        InterceptMessagePage.Dispose();
        Handle.Dispose();
    }

    internal static VirtualProcessor Map(FileDescriptorHandle<MshvFdKinds.Vp> handle, uint index)
    {
        // The page to map is chosen by the offset, in units of the system page size (linux/mshv.h).
        long page = Environment.SystemPageSize;
        nuint length = (nuint)MshvConstants.MSHV_HV_PAGE_SIZE;
        MemoryMapping registers = MemoryMapping.Shared(handle, length, MemoryProtection.ReadWrite, MshvConstants.MSHV_VP_MMAP_OFFSET_REGISTERS * page);
        try
        {
            MemoryMapping message = MemoryMapping.Shared(
                handle, length, MemoryProtection.ReadWrite, MshvConstants.MSHV_VP_MMAP_OFFSET_INTERCEPT_MESSAGE * page);
            return new VirtualProcessor(handle, index, registers, message);
        }
        catch
        {
            registers.Dispose();
            throw;
        }
    }

    private int Transfer(Ioctls.IoctlReadWrite<mshv_get_set_vp_state, MshvFdKinds.Vp> request, VpStateKind kind, MemoryMapping buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ulong page = MshvConstants.MSHV_HV_PAGE_SIZE;
        if (buffer.Length == 0 || (ulong)buffer.Length % page != 0 || buffer.Length > uint.MaxValue)
        {
            throw new ArgumentException($"the VP state buffer must be whole {page}-byte pages (it is {buffer.Length} bytes)", nameof(buffer));
        }

        mshv_get_set_vp_state args = default;
        args.type = (byte)kind;
        args.buf_sz = (uint)buffer.Length;
        bool added = false;
        buffer.DangerousAddRef(ref added);
        try
        {
            args.buf_ptr = (ulong)buffer.Address;
            Handle.Ioctl(request, ref args);
            return (int)args.buf_sz;
        }
        catch (IoctlException error) when (error.Errno == Errno.EINVAL && args.buf_sz > buffer.Length)
        {
            throw Handle.Meanings.ToException(error.Errno, $"{request.Name} ({kind} needs {args.buf_sz} bytes, the buffer has {buffer.Length})");
        }
        finally
        {
            if (added)
            {
                buffer.DangerousRelease();
            }
        }
    }
}
