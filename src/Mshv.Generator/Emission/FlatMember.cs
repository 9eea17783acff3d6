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
    public string Name => Field.Name;

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
                ? type + " " + Field.Name
                : type.Substring(0, bracket).TrimEnd() + " " + Field.Name + type.Substring(bracket);
            return Field.IsBitfield ? declaration + ":" + Field.BitWidth : declaration;
        }
    }
}

/// <summary>Bytes <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive) of the emitted record.</summary>
internal readonly record struct ByteRange(long Start, long End);
