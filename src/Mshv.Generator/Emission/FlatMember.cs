using System.Linq;
using Mshv.Abi;

namespace Mshv.Generator.Emission;

/// <summary>
/// A member as the C# struct sees it: a field of the record itself or of an anonymous member folded into
/// it, with its bit offset from the start of the emitted record (anonymous members' offsets added).
/// For a bitfield, <paramref name="Run"/> is the byte range of its run of adjacent bitfields: C11 makes
/// the run one memory location and every non-bitfield member another, so bitfield storage stays inside it.
/// </summary>
internal sealed record FlatMember(AbiField Field, long BitOffset, ByteRange Run)
{
    /// <summary>
    /// The C path through zero-size members (<c>data.vmx</c> of <c>kvm_nested_state</c>), or null for a member of the
    /// record itself. Such members have no storage in the C# struct: they get accessors over a caller-owned buffer.
    /// </summary>
    public string? Path { get; init; }

    /// <summary>
    /// A member whose type has size 0 in GNU C (a union of flexible arrays, an empty struct): no field, only its offset
    /// (<c>{name}_offset</c>); the flexible arrays inside it follow as members with a <see cref="Path"/>.
    /// </summary>
    public bool IsZeroSize { get; init; }

    public string Name => Path ?? Field.Name;

    /// <summary>The C# name: the path's parts joined by <c>_</c> (<c>data_vmx</c>), each part escaped as a C# identifier.</summary>
    public string CSharpName => Path is null ? Field.Name : string.Join("_", Path.Split('.').Select(Helpers.CSharpNames.Identifier));

    public long ByteOffset => BitOffset / 8;

    public long LastBit => BitOffset + Field.BitWidth - 1;

    /// <summary>The C declaration, as in the header: <c>__u64 as_uint64[2]</c>, <c>__u64 sse3_support:1</c>.</summary>
    public string CDeclaration
    {
        get
        {
            string type = Field.CType;
            int bracket = type.IndexOf('[');
            string declaration = bracket < 0
                ? type + " " + Name
                : type.Substring(0, bracket).TrimEnd() + " " + Name + type.Substring(bracket);
            return Field.IsBitfield ? declaration + ":" + Field.BitWidth : declaration;
        }
    }
}

/// <summary>Bytes <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive) of the emitted record.</summary>
internal readonly record struct ByteRange(long Start, long End);
