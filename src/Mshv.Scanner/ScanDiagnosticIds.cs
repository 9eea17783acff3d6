namespace Mshv.Scanner;

/// <summary>Stable diagnostic ids of the scanner. Never renumber: users suppress and search by them.</summary>
public static class ScanDiagnosticIds
{
    /// <summary>A header to scan does not exist.</summary>
    public const string HeaderNotFound = "MSHVS001";

    /// <summary>clang reported an error in the headers (or their includes).</summary>
    public const string ClangError = "MSHVS002";

    /// <summary>clang cannot compute the layout of a record (an incomplete type); it is left out.</summary>
    public const string NoLayout = "MSHVS003";

    /// <summary>A macro uses a function-like macro that is not defined; the macro is left out.</summary>
    public const string UndefinedMacro = "MSHVS004";

    /// <summary>An ioctl's encoded size differs from sizeof its argument type.</summary>
    public const string IoctlSizeMismatch = "MSHVS005";

    /// <summary>An ioctl's argument type could not be resolved; the request is kept without it.</summary>
    public const string IoctlArgumentUnresolved = "MSHVS006";

    /// <summary>A C type has no representation in the model.</summary>
    public const string UnrepresentableType = "MSHVS007";

    /// <summary>libclang could not be loaded or could not parse at all.</summary>
    public const string ClangUnavailable = "MSHVS008";

    /// <summary>An option is malformed (a define that is not NAME or NAME=VALUE, a missing include directory).</summary>
    public const string InvalidOption = "MSHVS009";

    /// <summary>The headers define no <c>_IOC_DIR</c>/<c>_IOC_TYPE</c>/<c>_IOC_NR</c>/<c>_IOC_SIZE</c>; the request is decoded with the asm-generic layout.</summary>
    public const string IoctlLayoutAssumed = "MSHVS010";

    /// <summary>A macro builds an ioctl request in a form whose argument type could not be recovered; only the constant is emitted.</summary>
    public const string IoctlFormUnrecognized = "MSHVS011";

    /// <summary>clang could not fold an ioctl request macro (a type it names is not declared); it is left out.</summary>
    public const string RequestNotEvaluated = "MSHVS012";

    /// <summary>An <c>_IOC</c> type or nr argument wider than its 8 bits: the excess spills into the next field.</summary>
    public const string IocFieldOverflow = "MSHVS013";

    /// <summary>A macro shifts by at least the width of its left operand (undefined in C; folded to a surprise).</summary>
    public const string ShiftOverflow = "MSHVS014";

    /// <summary>
    /// A raw kernel-tree header writes <c>} __packed;</c>, which user space reads as a variable named __packed
    /// (the record stays unpacked); the scan stops instead of binding a layout the kernel does not use.
    /// </summary>
    public const string KernelPackedUndefined = "MSHVS020";

    /// <summary>
    /// Several targets were requested (MSBuild <c>MshvTargets</c>, repeated <c>--target</c>) and the headers' models differ
    /// between them, so no one set of types serves them all: the records, macros or ioctls that differ are named; build per
    /// RuntimeIdentifier instead.
    /// </summary>
    public const string TargetsDiffer = "MSHVS021";

    /// <summary>A macro expands to more tokens than the scanner evaluates (a macro doubling itself at each level); it is left out.</summary>
    public const string ExpansionTooLarge = "MSHVS022";

    /// <summary>
    /// Lint (MSHVS030 on: <c>mshv scan</c> only, never in a build): two names of the header set encode the same ioctl
    /// request number, and neither is an alias of the other.
    /// </summary>
    public const string SharedRequestNumber = "MSHVS030";
}
