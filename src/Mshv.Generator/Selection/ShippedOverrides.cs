using System;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Generator.Selection;

/// <summary>
/// Directives that ship with the generator for headers whose text does not say everything (written in the selection
/// file's syntax, applied before the user's, so a user's line for the same name wins).
/// </summary>
public static class ShippedOverrides
{
    /// <summary>linux/kvm.h (with asm/kvm.h): records whose trailing array has no element count.</summary>
    public const string Kvm = """
        # struct kvm_xsave: KVM_GET_XSAVE2 writes as many bytes as KVM_CHECK_EXTENSION(KVM_CAP_XSAVE2) says; no field counts extra[].
        count kvm_xsave -
        # struct kvm_nested_state: 'size' counts bytes of the whole record, and the array sits in a union.
        count kvm_nested_state -
        """;

    /// <summary>The shipped directives for the headers a model was scanned from; empty when none apply.</summary>
    public static EquatableArray<SelectionDirective> For(AbiModel model) =>
        model.Headers.Any(h => string.Equals(h, "linux/kvm.h", StringComparison.Ordinal))
            ? SelectionFile.Parse("shipped override for linux/kvm.h", Kvm).Directives
            : EquatableArray<SelectionDirective>.Empty;
}
