using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// A member whose type has size 0 in GNU C (<c>union { __DECLARE_FLEX_ARRAY(…, vmx); … } data;</c> of
/// <c>kvm_nested_state</c>, or an empty struct) has no bytes in the record, and a C# field would take at least one, so
/// it is not a field. What C can still ask of it is where it is: <c>{name}_offset</c>. The flexible arrays inside it
/// follow it as members of their own (<see cref="FlatMember.Path"/>), with the usual accessors.
/// </summary>
internal static class ZeroSizeMemberWriter
{
    /// <param name="arrays">The C# names of the flexible-array accessors inside the member, for its doc comment.</param>
    public static void Write(
        IndentedWriter writer, AbiRecord record, FlatMember member, IReadOnlyList<string> arrays, NameScope scope, EmissionContext context)
    {
        string wanted = CSharpNames.Identifier(member.CSharpName) + "_offset";
        string name = scope.Claim(wanted, out bool renamed);
        if (renamed)
        {
            context.Report(
                MshvDiagnostics.NameCollision,
                "The offset constant '" + wanted + "' for the zero-size member '" + member.Name + "' of " + record.CKeyword + " " + record.Name
                + " collides with a member; it is emitted as '" + name + "'",
                member.Field.Location);
        }

        writer.Summary(RecordEmitter.Doc(member) + ": byte offset of this zero-size member (size 0 in GNU C, so no field: a C# field takes at least 1 byte)."
            + (arrays.Count == 0
                ? string.Empty
                : "\nIts flexible arrays lie in the caller's buffer after the struct: " + string.Join(", ", arrays.Select(a => "<see cref=\"" + a + "\"/>")) + "."));
        writer.Line("public const int " + name + " = " + RecordEmitter.Num(member.ByteOffset) + ";");
    }
}
