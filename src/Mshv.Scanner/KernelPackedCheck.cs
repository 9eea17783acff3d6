using System.Collections.Generic;
using System.Globalization;
using Mshv.Abi.Diagnostics;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>
/// A raw kernel-tree header ends a record with <c>} __packed;</c>. The kernel defines <c>__packed</c> as
/// <c>__attribute__((packed))</c>; user space does not (headers_install rewrites it), so a C compiler reading the raw
/// header declares a variable named <c>__packed</c> and lays the record out unpacked. That is a silent alignment
/// change against the kernel, so it is an error that says what happened and how to get the kernel's reading.
/// </summary>
internal static class KernelPackedCheck
{
    private const string KernelMacro = "__packed";

    public static void Report(DeclarationIndex index, SourceFiles files, List<ScanDiagnostic> diagnostics)
    {
        foreach (CXCursor variable in index.Variables)
        {
            if (Clang.Spelling(variable) != KernelMacro || !files.IsListed(variable))
            {
                continue;
            }

            CXType type = Clang.Canonical(LibClang.clang_getCursorType(variable));
            string record = Clang.Spelling(type);
            string layout = string.Format(
                CultureInfo.InvariantCulture, "size {0}, alignment {1}", LibClang.clang_Type_getSizeOf(type), LibClang.clang_Type_getAlignOf(type));
            diagnostics.Add(files.Diagnostic(variable, ScanDiagnosticIds.KernelPackedUndefined, ScanSeverity.Error,
                "'} __packed;' after " + record + ": user space does not define __packed, so C reads this as a variable named "
                + "__packed and leaves " + record + " unpacked (" + layout + "), while the kernel compiles it packed. "
                + DiagnosticCatalog.Hint(ScanDiagnosticIds.KernelPackedUndefined)));
        }
    }
}
