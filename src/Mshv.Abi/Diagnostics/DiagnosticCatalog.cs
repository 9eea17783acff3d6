using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diagnostics;

/// <summary>
/// Every diagnostic id Mshv reports, with its fixed texts, in one table: the generator's <c>MSHV0nnn</c>, the
/// scanner's <c>MSHVSnnn</c>, the build integration's <c>MSHV1nnn</c> and the ABI gate's <c>MSHV2nnn</c>. Call sites
/// name an id and supply only what is specific to the report; docs/diagnostics.md lists this table (a test compares).
/// Never renumber an id: users suppress and search by them. The MSBuild targets cannot read this table, so their
/// own error texts stay in the .targets files; a test checks that every id they raise is declared here.
/// </summary>
public static class DiagnosticCatalog
{
    public static IReadOnlyList<DiagnosticText> All { get; } = new[]
    {
        // The generator and the emitter (Mshv.Generator.Diagnostics.MshvDiagnostics).
        new DiagnosticText("MSHV0001", DiagnosticOrigin.Generator, true, "ABI model file is not readable",
            "The `.abi` file cannot be read, is not canonical or is inconsistent; nothing is emitted for it. Rescan the headers.",
            "The ABI model is not in the canonical form: {0}. Rescan the headers with `mshv scan` instead of editing the model."),
        new DiagnosticText("MSHV0002", DiagnosticOrigin.Generator, false, "C type has no exact C# equivalent",
            "A C type with no exact C# form (`long double`, an empty struct, a bitfield over 64 bits…): raw bytes or left out, "
            + "never a wrong size."),
        new DiagnosticText("MSHV0003", DiagnosticOrigin.Generator, true, "Record missing from the ABI model",
            "A record used by a member, an anonymous member or an ioctl argument is not in the model. Rescan the headers.",
            "{0}. Rescan the headers so the model includes it."),
        new DiagnosticText("MSHV0004", DiagnosticOrigin.Generator, false, "Name collision in generated code",
            "A C name collides in C# (or two models share a class prefix or a type name); the later one gets a `_` suffix."),
        new DiagnosticText("MSHV0005", DiagnosticOrigin.Generator, true, "Invalid Mshv generator option",
            "`MshvNamespace` is not a dotted C# namespace, or `MshvClassPrefix` is not a C# identifier."),
        new DiagnosticText("MSHV0006", DiagnosticOrigin.Generator, false, "Selected name not found",
            "A selection file names something no model has (at that line); the closest known name is suggested."),
        new DiagnosticText("MSHV0020", DiagnosticOrigin.Generator, false, "Flexible array without a known count",
            "A request's argument ends in a flexible array whose count field is unknown: only the constant is emitted. "
            + "Name it with `count RECORD FIELD` in the selection file."),
        new DiagnosticText("MSHV0021", DiagnosticOrigin.Generator, false, "Request size larger than its argument",
            "A request encodes a larger argument size than sizeof its argument type (scanner warning `MSHVS005` says so too): a "
            + "driver that copies the encoded size would write past the argument, so only the constant is emitted."),
        new DiagnosticText("MSHV0022", DiagnosticOrigin.Generator, true, "Selection directive not understood",
            "A `count`, `kinds` or `argument` line of a selection file has the wrong number of words or an invalid kind; it is "
            + "not applied. Forms: `count RECORD FIELD` or `count RECORD -`, `kinds REQUEST KIND[,KIND]` or `kinds REQUEST -`, `argument REQUEST -`."),

        // The scanner (Mshv.Scanner.ScanDiagnosticIds).
        new DiagnosticText("MSHVS001", DiagnosticOrigin.Scanner, true, "Header not found",
            "A header to scan does not exist; the message lists where it looked. Fix the name or add its folder with `-I`."),
        new DiagnosticText("MSHVS002", DiagnosticOrigin.Scanner, true, "C error in the headers",
            "clang reported an error in the headers or their includes, at its line. No model is written."),
        new DiagnosticText("MSHVS003", DiagnosticOrigin.Scanner, false, "Record has no layout",
            "clang cannot compute the layout of a record (an incomplete type); it is left out."),
        new DiagnosticText("MSHVS004", DiagnosticOrigin.Scanner, false, "Undefined function-like macro",
            "A macro uses a function-like macro that is not defined; the macro is left out. Include the header that defines it."),
        new DiagnosticText("MSHVS005", DiagnosticOrigin.Scanner, false, "ioctl size differs from its argument",
            "An ioctl's encoded size differs from sizeof its argument type (the header's encoding is kept)."),
        new DiagnosticText("MSHVS006", DiagnosticOrigin.Scanner, false, "ioctl argument type unresolved",
            "An ioctl's argument type could not be resolved; the request is kept without it."),
        new DiagnosticText("MSHVS007", DiagnosticOrigin.Scanner, false, "C type not representable",
            "A member the model cannot represent is kept as opaque bytes, or its record left out (exit code 3, \"bound with "
            + "warnings\"); so is a record with an `_Atomic` member (clang and gcc lay it out differently), a record too large for a "
            + "C# struct or whose offsets wrap, and a 128-bit macro. `--strict` (`MshvStrict`) makes it an error with no model."),
        new DiagnosticText("MSHVS008", DiagnosticOrigin.Scanner, true, "libclang unavailable",
            "libclang could not be loaded or could not parse at all.",
            Hint: "it comes from the libclang.runtime.linux-x64 package: install the mshv tool (dotnet tool install -g Mshv.Tool), "
            + "or pass --libclang FILE or set MSHV_LIBCLANG"),
        new DiagnosticText("MSHVS009", DiagnosticOrigin.Scanner, true, "Invalid scan option",
            "An option is malformed: a define that is not NAME or NAME=VALUE, a missing include directory, no header, a target "
            + "that is not a 64-bit (LP64) Linux target."),
        new DiagnosticText("MSHVS010", DiagnosticOrigin.Scanner, false, "ioctl layout assumed",
            "The headers define no `_IOC_DIR`/`_IOC_TYPE`/`_IOC_NR`/`_IOC_SIZE`; the request is decoded with the asm-generic "
            + "layout, which may not be the target's."),
        new DiagnosticText("MSHVS011", DiagnosticOrigin.Scanner, false, "ioctl form not recognized",
            "A macro builds an ioctl request in a form whose argument type could not be recovered; only the constant is emitted."),
        new DiagnosticText("MSHVS012", DiagnosticOrigin.Scanner, false, "ioctl request not evaluated",
            "clang could not fold an ioctl request macro (a type it names is not declared); it is left out. The message names "
            + "the header that declares a standard name."),
        new DiagnosticText("MSHVS013", DiagnosticOrigin.Scanner, false, "_IOC field overflow",
            "An `_IOC` type or nr argument is wider than its 8 bits: the excess spills into the next field."),
        new DiagnosticText("MSHVS014", DiagnosticOrigin.Scanner, false, "Shift overflow",
            "A macro shifts by at least the width of its left operand (undefined in C; folded to a surprise)."),
        new DiagnosticText("MSHVS020", DiagnosticOrigin.Scanner, true, "Kernel-tree __packed",
            "A raw kernel-tree header writes `} __packed;`, which user space reads as a variable: the scan stops instead of "
            + "binding a layout the kernel does not use.",
            Hint: "This is a raw kernel-tree header (headers_install rewrites __packed to __attribute__((packed))): scan the "
            + "installed uapi header, or define the kernel's meaning with -D__packed=__attribute__((packed))"),
        new DiagnosticText("MSHVS021", DiagnosticOrigin.Scanner, true, "Targets' layouts differ",
            "Several targets were requested (MshvTargets, repeated --target) and the headers' models differ between them, so "
            + "no one set of types serves them all; the records, macros and ioctls that differ are named.",
            Hint: "Build per RuntimeIdentifier instead (dotnet build/publish -r linux-x64 and -r linux-arm64), or request only "
            + "targets whose layouts agree"),
        new DiagnosticText("MSHVS022", DiagnosticOrigin.Scanner, false, "Macro expansion too large",
            "A macro expands to more than 1,048,576 tokens (a macro doubling itself at each level, say); it is left out of the "
            + "model, since clang would take as long to fold it."),
        new DiagnosticText("MSHVS030", DiagnosticOrigin.Scanner, false, "Shared ioctl request number",
            "Lint of `mshv scan` only (never in a build): two names of the header set encode the same request number, and "
            + "neither is an alias of the other."),

        // The build integration (buildTransitive/Mshv.Generator.targets and the scan it runs).
        new DiagnosticText("MSHV1001", DiagnosticOrigin.Build, true, "UapiHeader not found",
            "A `UapiHeader` was not found (the message lists where it looked).",
            Hint: "Fix the path (relative to the project) or add the folder it is in to MshvIncludeDirectories"),
        new DiagnosticText("MSHV1002", DiagnosticOrigin.Build, true, "Include directory missing",
            "A folder in `MshvIncludeDirectories` does not exist: fix or remove it."),
        new DiagnosticText("MSHV1003", DiagnosticOrigin.Build, true, "Malformed scan option",
            "A malformed option (a define that is not `NAME` or `NAME=VALUE`).",
            Hint: "(check MshvIncludeDirectories, MshvDefines and MshvPreludeIncludes)"),
        new DiagnosticText("MSHV1004", DiagnosticOrigin.Build, true, "Unusable model name",
            "`MshvModelName` is not a usable file name: letters, digits, `_`, `-`, `.`."),
        new DiagnosticText("MSHV1005", DiagnosticOrigin.Build, true, "Scanner or libclang missing",
            "The scanner tool or libclang is missing: `dotnet restore`, or set `MshvLibClangPath`."),
        new DiagnosticText("MSHV1006", DiagnosticOrigin.Build, true, "Scanner failed silently",
            "The scanner (a scan, or the ABI gate's comparison) failed without a diagnostic; the message quotes its output."),
        new DiagnosticText("MSHV1007", DiagnosticOrigin.Build, true, "No kernel layout for the RuntimeIdentifier",
            "The `RuntimeIdentifier` has no kernel layout Mshv can choose (not linux-x64/arm64, linux-musl-x64/arm64): build "
            + "for one of those, or set `MshvTargetTriple`."),
        new DiagnosticText("MSHV1008", DiagnosticOrigin.Build, true, "Scanner crashed",
            "The scanner was killed by a signal (SIGSEGV, SIGBUS: a damaged libclang), at the first header: restore the "
            + "libclang package; report the header."),
        new DiagnosticText("MSHV1009", DiagnosticOrigin.Build, true, "Model not writable",
            "The scan could not write the model or its `.deps` (a read-only `obj/`, a full disk): make `obj/` writable."),
        new DiagnosticText("MSHV1010", DiagnosticOrigin.Build, true, "Mshv input set in a target",
            "`UapiHeader`, `MshvSelection`, an `Mshv*` property or `RootNamespace` was set by a target: the work is done by a "
            + "second evaluation of the project, which does not see it. Set it in the project file or `Directory.Build.props`."),
        new DiagnosticText("MSHV1011", DiagnosticOrigin.Build, true, "Build task missing",
            "`Mshv.Build.Tasks.dll`, the task of every build's up-to-date check, is not where `MshvTasksAssembly` says (a damaged "
            + "package folder; NuGet does not extract a package again while its folder is there): delete that version's "
            + "`mshv.generator` folder from the NuGet packages folder and `dotnet restore`, or point `MshvTasksAssembly` at a "
            + "built one."),

        // The ABI gate (buildTransitive/Mshv.Generator.AbiGate.targets and `mshv abi-check`).
        new DiagnosticText("MSHV2001", DiagnosticOrigin.AbiGate, true, "Breaking ABI change",
            "A breaking change against `MshvAbiBaseline`, at the header line (one per change).",
            Hint: "if the change is intended, accept it: dotnet build -p:MshvAcceptAbi=true (or mshv abi-accept)"),
        new DiagnosticText("MSHV2002", DiagnosticOrigin.AbiGate, false, "Compatible ABI change",
            "A compatible change against the baseline: accept it, or `MshvAbiWarnCompatible=false` silences it."),
        new DiagnosticText("MSHV2003", DiagnosticOrigin.AbiGate, false, "ABI baseline created",
            "The baseline did not exist and was written from this scan: check it in."),
        new DiagnosticText("MSHV2004", DiagnosticOrigin.AbiGate, true, "ABI baseline missing",
            "No scan possible here and no ABI baseline: `MshvAbiBaseline` unset, or no baseline for this target triple (names the "
            + "file). Build once where libclang runs and check the file in."),
        new DiagnosticText("MSHV2005", DiagnosticOrigin.AbiGate, true, "ABI model unreadable",
            "The baseline or the fresh model cannot be read: regenerate it."),
    };

    private static readonly Dictionary<string, DiagnosticText> ById = All.ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>The texts of <paramref name="id"/>; an id not in the table is a bug, not a guess.</summary>
    public static DiagnosticText Get(string id) =>
        ById.TryGetValue(id, out DiagnosticText? text) ? text : throw new ArgumentException("not a declared Mshv diagnostic id", nameof(id));

    /// <summary>The fixed advice every report of <paramref name="id"/> ends with.</summary>
    public static string Hint(string id) =>
        Get(id).Hint ?? throw new ArgumentException(id + " declares no hint", nameof(id));
}
