// TEMPORARY: minimal stand-ins for the names the generator will emit from headers/mshv.abi.
// Delete this file when the generator lands; nothing else in the repository may hand-write these numbers.
#pragma warning disable CS1591, IDE1006
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mshv.Ioctls;

namespace Mshv.Interop;

public static partial class MshvConstants
{
    public const int MSHV_VERSION = 0x0;
    public const int MSHV_IOCTL = 0xB8;
    public const ulong MSHV_REQUEST_VERSION = 0x4004B800UL;
    public const ulong MSHV_CREATE_PARTITION = 0x4020B801UL;
    public const int HV_PARTITION_PROCESSOR_FEATURE_BANKS = 2;
    public const ulong HV_PARTITION_CREATION_FLAG_SMT_ENABLED_GUEST = 1UL << 0;
    public const ulong HV_PARTITION_CREATION_FLAG_GPA_LARGE_PAGES_DISABLED = 1UL << 3;
    public const ulong HV_PARTITION_CREATION_FLAG_GPA_SUPER_PAGES_ENABLED = 1UL << 4;
    public const ulong HV_PARTITION_CREATION_FLAG_LAPIC_ENABLED = 1UL << 13;
}

public static partial class MshvIoctls
{
    public static readonly IoctlWrite<uint> MSHV_REQUEST_VERSION = new("MSHV_REQUEST_VERSION", 0x4004B800u);
    public static readonly IoctlWrite<mshv_create_partition> MSHV_CREATE_PARTITION = new("MSHV_CREATE_PARTITION", 0x4020B801u);
}

[InlineArray(2)]
public struct FixedArray2<T>
    where T : unmanaged
{
    private T element0;
}

[StructLayout(LayoutKind.Explicit, Size = 32)]
public partial struct mshv_create_partition
{
    [FieldOffset(0)] public ulong flags;
    [FieldOffset(8)] public hv_partition_creation_properties partition_creation_properties;
}

[StructLayout(LayoutKind.Explicit, Size = 24)]
public partial struct hv_partition_creation_properties
{
    [FieldOffset(0)] public hv_partition_processor_features disabled_processor_features;
    [FieldOffset(16)] public hv_partition_processor_xsave_features disabled_processor_xsave_features;
}

[StructLayout(LayoutKind.Explicit, Size = 8)]
public partial struct hv_partition_processor_xsave_features
{
    [FieldOffset(0)] public ulong as_uint64;
    public ulong xsave_support { readonly get => (as_uint64 >> 0) & 0x1UL; set => as_uint64 = (as_uint64 & ~(0x1UL << 0)) | ((value & 0x1UL) << 0); }
    public ulong xsaveopt_support { readonly get => (as_uint64 >> 1) & 0x1UL; set => as_uint64 = (as_uint64 & ~(0x1UL << 1)) | ((value & 0x1UL) << 1); }
    public ulong avx_support { readonly get => (as_uint64 >> 2) & 0x1UL; set => as_uint64 = (as_uint64 & ~(0x1UL << 2)) | ((value & 0x1UL) << 2); }
    public ulong reserved1 { readonly get => (as_uint64 >> 3) & 0x1FFFFFFFFFFFFFFFUL; set => as_uint64 = (as_uint64 & ~(0x1FFFFFFFFFFFFFFFUL << 3)) | ((value & 0x1FFFFFFFFFFFFFFFUL) << 3); }
}

[StructLayout(LayoutKind.Explicit, Size = 16)]
public partial struct hv_partition_processor_features
{
    [FieldOffset(0)] public FixedArray2<ulong> as_uint64;

    private readonly ulong Get(int bit, int width) => (as_uint64[bit / 64] >> (bit % 64)) & (ulong.MaxValue >> (64 - width));

    private void Set(int bit, int width, ulong value)
    {
        ulong mask = (ulong.MaxValue >> (64 - width)) << (bit % 64);
        as_uint64[bit / 64] = (as_uint64[bit / 64] & ~mask) | ((value << (bit % 64)) & mask);
    }

    public ulong sse3_support { readonly get => Get(0, 1); set => Set(0, 1, value); }
    public ulong lahf_sahf_support { readonly get => Get(1, 1); set => Set(1, 1, value); }
    public ulong ssse3_support { readonly get => Get(2, 1); set => Set(2, 1, value); }
    public ulong sse4_1_support { readonly get => Get(3, 1); set => Set(3, 1, value); }
    public ulong sse4_2_support { readonly get => Get(4, 1); set => Set(4, 1, value); }
    public ulong sse4a_support { readonly get => Get(5, 1); set => Set(5, 1, value); }
    public ulong xop_support { readonly get => Get(6, 1); set => Set(6, 1, value); }
    public ulong pop_cnt_support { readonly get => Get(7, 1); set => Set(7, 1, value); }
    public ulong cmpxchg16b_support { readonly get => Get(8, 1); set => Set(8, 1, value); }
    public ulong altmovcr8_support { readonly get => Get(9, 1); set => Set(9, 1, value); }
    public ulong lzcnt_support { readonly get => Get(10, 1); set => Set(10, 1, value); }
    public ulong mis_align_sse_support { readonly get => Get(11, 1); set => Set(11, 1, value); }
    public ulong mmx_ext_support { readonly get => Get(12, 1); set => Set(12, 1, value); }
    public ulong amd3dnow_support { readonly get => Get(13, 1); set => Set(13, 1, value); }
    public ulong extended_amd3dnow_support { readonly get => Get(14, 1); set => Set(14, 1, value); }
    public ulong page_1gb_support { readonly get => Get(15, 1); set => Set(15, 1, value); }
    public ulong aes_support { readonly get => Get(16, 1); set => Set(16, 1, value); }
    public ulong pclmulqdq_support { readonly get => Get(17, 1); set => Set(17, 1, value); }
    public ulong pcid_support { readonly get => Get(18, 1); set => Set(18, 1, value); }
    public ulong fma4_support { readonly get => Get(19, 1); set => Set(19, 1, value); }
    public ulong f16c_support { readonly get => Get(20, 1); set => Set(20, 1, value); }
    public ulong rd_rand_support { readonly get => Get(21, 1); set => Set(21, 1, value); }
    public ulong rd_wr_fs_gs_support { readonly get => Get(22, 1); set => Set(22, 1, value); }
    public ulong smep_support { readonly get => Get(23, 1); set => Set(23, 1, value); }
    public ulong enhanced_fast_string_support { readonly get => Get(24, 1); set => Set(24, 1, value); }
    public ulong bmi1_support { readonly get => Get(25, 1); set => Set(25, 1, value); }
    public ulong bmi2_support { readonly get => Get(26, 1); set => Set(26, 1, value); }
    public ulong hle_support_deprecated { readonly get => Get(27, 1); set => Set(27, 1, value); }
    public ulong rtm_support_deprecated { readonly get => Get(28, 1); set => Set(28, 1, value); }
    public ulong movbe_support { readonly get => Get(29, 1); set => Set(29, 1, value); }
    public ulong npiep1_support { readonly get => Get(30, 1); set => Set(30, 1, value); }
    public ulong dep_x87_fpu_save_support { readonly get => Get(31, 1); set => Set(31, 1, value); }
    public ulong rd_seed_support { readonly get => Get(32, 1); set => Set(32, 1, value); }
    public ulong adx_support { readonly get => Get(33, 1); set => Set(33, 1, value); }
    public ulong intel_prefetch_support { readonly get => Get(34, 1); set => Set(34, 1, value); }
    public ulong smap_support { readonly get => Get(35, 1); set => Set(35, 1, value); }
    public ulong hle_support { readonly get => Get(36, 1); set => Set(36, 1, value); }
    public ulong rtm_support { readonly get => Get(37, 1); set => Set(37, 1, value); }
    public ulong rdtscp_support { readonly get => Get(38, 1); set => Set(38, 1, value); }
    public ulong clflushopt_support { readonly get => Get(39, 1); set => Set(39, 1, value); }
    public ulong clwb_support { readonly get => Get(40, 1); set => Set(40, 1, value); }
    public ulong sha_support { readonly get => Get(41, 1); set => Set(41, 1, value); }
    public ulong x87_pointers_saved_support { readonly get => Get(42, 1); set => Set(42, 1, value); }
    public ulong invpcid_support { readonly get => Get(43, 1); set => Set(43, 1, value); }
    public ulong ibrs_support { readonly get => Get(44, 1); set => Set(44, 1, value); }
    public ulong stibp_support { readonly get => Get(45, 1); set => Set(45, 1, value); }
    public ulong ibpb_support { readonly get => Get(46, 1); set => Set(46, 1, value); }
    public ulong unrestricted_guest_support { readonly get => Get(47, 1); set => Set(47, 1, value); }
    public ulong mdd_support { readonly get => Get(48, 1); set => Set(48, 1, value); }
    public ulong fast_short_rep_mov_support { readonly get => Get(49, 1); set => Set(49, 1, value); }
    public ulong l1dcache_flush_support { readonly get => Get(50, 1); set => Set(50, 1, value); }
    public ulong rdcl_no_support { readonly get => Get(51, 1); set => Set(51, 1, value); }
    public ulong ibrs_all_support { readonly get => Get(52, 1); set => Set(52, 1, value); }
    public ulong skip_l1df_support { readonly get => Get(53, 1); set => Set(53, 1, value); }
    public ulong ssb_no_support { readonly get => Get(54, 1); set => Set(54, 1, value); }
    public ulong rsb_a_no_support { readonly get => Get(55, 1); set => Set(55, 1, value); }
    public ulong virt_spec_ctrl_support { readonly get => Get(56, 1); set => Set(56, 1, value); }
    public ulong rd_pid_support { readonly get => Get(57, 1); set => Set(57, 1, value); }
    public ulong umip_support { readonly get => Get(58, 1); set => Set(58, 1, value); }
    public ulong mbs_no_support { readonly get => Get(59, 1); set => Set(59, 1, value); }
    public ulong mb_clear_support { readonly get => Get(60, 1); set => Set(60, 1, value); }
    public ulong taa_no_support { readonly get => Get(61, 1); set => Set(61, 1, value); }
    public ulong tsx_ctrl_support { readonly get => Get(62, 1); set => Set(62, 1, value); }
    public ulong reserved_bank0 { readonly get => Get(63, 1); set => Set(63, 1, value); }
    public ulong acount_mcount_support { readonly get => Get(64, 1); set => Set(64, 1, value); }
    public ulong tsc_invariant_support { readonly get => Get(65, 1); set => Set(65, 1, value); }
    public ulong cl_zero_support { readonly get => Get(66, 1); set => Set(66, 1, value); }
    public ulong rdpru_support { readonly get => Get(67, 1); set => Set(67, 1, value); }
    public ulong la57_support { readonly get => Get(68, 1); set => Set(68, 1, value); }
    public ulong mbec_support { readonly get => Get(69, 1); set => Set(69, 1, value); }
    public ulong nested_virt_support { readonly get => Get(70, 1); set => Set(70, 1, value); }
    public ulong psfd_support { readonly get => Get(71, 1); set => Set(71, 1, value); }
    public ulong cet_ss_support { readonly get => Get(72, 1); set => Set(72, 1, value); }
    public ulong cet_ibt_support { readonly get => Get(73, 1); set => Set(73, 1, value); }
    public ulong vmx_exception_inject_support { readonly get => Get(74, 1); set => Set(74, 1, value); }
    public ulong enqcmd_support { readonly get => Get(75, 1); set => Set(75, 1, value); }
    public ulong umwait_tpause_support { readonly get => Get(76, 1); set => Set(76, 1, value); }
    public ulong movdiri_support { readonly get => Get(77, 1); set => Set(77, 1, value); }
    public ulong movdir64b_support { readonly get => Get(78, 1); set => Set(78, 1, value); }
    public ulong cldemote_support { readonly get => Get(79, 1); set => Set(79, 1, value); }
    public ulong serialize_support { readonly get => Get(80, 1); set => Set(80, 1, value); }
    public ulong tsc_deadline_tmr_support { readonly get => Get(81, 1); set => Set(81, 1, value); }
    public ulong tsc_adjust_support { readonly get => Get(82, 1); set => Set(82, 1, value); }
    public ulong fzlrep_movsb { readonly get => Get(83, 1); set => Set(83, 1, value); }
    public ulong fsrep_stosb { readonly get => Get(84, 1); set => Set(84, 1, value); }
    public ulong fsrep_cmpsb { readonly get => Get(85, 1); set => Set(85, 1, value); }
    public ulong reserved_bank1 { readonly get => Get(86, 42); set => Set(86, 42, value); }
}
