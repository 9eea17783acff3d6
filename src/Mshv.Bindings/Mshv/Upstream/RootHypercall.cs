using System;
using Mshv.Interop.Upstream;
using Mshv.Runtime;

namespace Mshv.Upstream;

/// <summary>What MSHV_ROOT_HVCALL gives back: the hypervisor's status (HV_STATUS_*) and, for a rep hypercall, the reps completed.</summary>
public readonly record struct HypercallResult(ushort Status, ushort RepsCompleted);

/// <summary>
/// MSHV_ROOT_HVCALL as a raw, length-checked buffer API, shared by partition and VP descriptors (the driver accepts it on
/// both and writes the partition id over the input's first 8 bytes itself).
/// </summary>
internal static unsafe class RootHypercall
{
    public static HypercallResult Invoke(
        FileDescriptorHandle<MshvFdKinds.Partition> handle, ushort code, ReadOnlySpan<byte> input, Span<byte> output, ushort reps) =>
        Invoke(handle, &OnPartition, code, input, output, reps);

    public static HypercallResult Invoke(
        FileDescriptorHandle<MshvFdKinds.Vp> handle, ushort code, ReadOnlySpan<byte> input, Span<byte> output, ushort reps) =>
        Invoke(handle, &OnVp, code, input, output, reps);

    // The typed call per kind (MSHV_ROOT_HVCALL is accepted on both), passed as a function pointer: no allocation per call.
    private static int OnPartition(FileDescriptorSafeHandle handle, ref mshv_root_hvcall args) =>
        ((FileDescriptorHandle<MshvFdKinds.Partition>)handle).Ioctl(MshvIoctls.MSHV_ROOT_HVCALL, ref args);

    private static int OnVp(FileDescriptorSafeHandle handle, ref mshv_root_hvcall args) =>
        ((FileDescriptorHandle<MshvFdKinds.Vp>)handle).Ioctl(MshvIoctls.MSHV_ROOT_HVCALL, ref args);

    private static HypercallResult Invoke(
        FileDescriptorSafeHandle handle,
        delegate*<FileDescriptorSafeHandle, ref mshv_root_hvcall, int> call,
        ushort code,
        ReadOnlySpan<byte> input,
        Span<byte> output,
        ushort reps)
    {
        // The driver's own limits, checked first so that a mistake is an ArgumentException, not a bare EINVAL.
        int page = (int)MshvConstants.MSHV_HV_PAGE_SIZE;
        if (input.Length < sizeof(ulong) || input.Length > page)
        {
            throw new ArgumentException($"hypercall input must be {sizeof(ulong)}..{page} bytes (it starts with the partition id)", nameof(input));
        }

        if (output.Length > page)
        {
            throw new ArgumentException($"hypercall output is at most {page} bytes", nameof(output));
        }

        mshv_root_hvcall args = default;
        args.code = code;
        args.reps = reps;
        args.in_sz = (ushort)input.Length;
        args.out_sz = (ushort)output.Length;
        fixed (byte* inPointer = input)
        fixed (byte* outPointer = output)
        {
            args.in_ptr = (ulong)inPointer;
            // out_sz is exactly the span's length, so the driver never writes past it.
            args.out_ptr = output.Length == 0 ? 0 : (ulong)outPointer;
            try
            {
                call(handle, ref args);
            }
            catch (IoctlException error)
            {
                // The driver copies the status back whatever the result: keep it in the message.
                throw handle.Meanings.ToException(
                    error.Errno, $"{MshvIoctls.MSHV_ROOT_HVCALL.Name} (code 0x{code:X4}, hypervisor status 0x{args.status:X4})");
            }
        }

        return new HypercallResult(args.status, args.reps);
    }
}
