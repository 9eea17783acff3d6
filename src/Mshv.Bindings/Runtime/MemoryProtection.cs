using System;

namespace Mshv.Runtime;

/// <summary>Page protection of a <see cref="MemoryMapping"/> (mmap's <c>PROT_*</c>).</summary>
/// <remarks>Values are Linux's (identical on x86-64 and arm64); a test compares them with &lt;sys/mman.h&gt;.</remarks>
[Flags]
public enum MemoryProtection
{
    /// <summary><c>PROT_NONE</c>: no access.</summary>
    None = 0x0,

    /// <summary><c>PROT_READ</c>.</summary>
    Read = 0x1,

    /// <summary><c>PROT_WRITE</c>.</summary>
    Write = 0x2,

    /// <summary><c>PROT_EXEC</c>.</summary>
    Execute = 0x4,

    /// <summary><c>PROT_READ | PROT_WRITE</c>.</summary>
    ReadWrite = Read | Write,
}
