namespace Mshv.Abi.Diff;

/// <summary>
/// A named member as C code reaches it from a record: members of anonymous structs and unions are
/// lifted into their parent (C11), with <see cref="Range"/> measured from the start of the parent.
/// </summary>
internal sealed record FlatField(string Path, BitRange Range, AbiField Field)
{
    public long BitOffset => Range.Start;

    public AbiType Type => Field.Type;

    public bool IsReserved => ReservedNames.IsReserved(Path);
}
