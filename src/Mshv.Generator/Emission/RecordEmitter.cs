using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// Writes one C struct or union as an explicit-layout C# struct: clang's size, clang's offsets, bitfield
/// properties over storage words, anonymous members folded in, flexible array accessors.
/// </summary>
internal static class RecordEmitter
{
    /// <summary>The largest Pack C# accepts.</summary>
    private const long MaxPack = 128;

    public static void Emit(IndentedWriter writer, AbiRecord record, EmissionContext context)
    {
        string typeName = context.RecordName(record.Name);
        List<FlatMember> members = RecordFlattener.Flatten(record, context);
        var scope = new NameScope();
        scope.Reserve(typeName);
        var names = new Dictionary<FlatMember, string>();
        foreach (FlatMember member in members.Where(m => !m.IsZeroSize))
        {
            names[member] = ClaimMember(scope, typeName, record, member.Name, member.CSharpName, member.Field.Location, context);
        }

        writer.Summary(KernelDocText.Before(
            record.Doc,
            "C: <c>" + CSharpNames.Xml(record.CKeyword + " " + record.Name) + "</c> at " + CSharpNames.Xml(record.Location.ToString()) + "; "
            + "sizeof " + Num(record.Size) + ", alignof " + Num(record.Alignment) + (record.IsPacked ? ", packed" : string.Empty) + "."));
        // A record less aligned than its fields (packed, under #pragma pack, or holding a packed member) needs Pack: without it
        // .NET rounds the struct's size up to its widest field when it is an array element (an inline array of packed 20-byte
        // e820entry would step 24 bytes). Pack never exceeds the C alignment, so it changes nothing where C agrees with .NET.
        bool underAligned = record.IsPacked || record.Alignment < MemberAlignment(members, context);
        writer.Line("[StructLayout(LayoutKind.Explicit, Size = " + Num(record.Size)
            + (underAligned ? ", Pack = " + Num(System.Math.Min(record.Alignment, MaxPack)) : string.Empty) + ")]");
        writer.Open("public partial struct " + typeName);
        var storage = new Dictionary<StorageWord, string>();
        CSharpType? flexibleElement = null;
        bool first = true;
        foreach (FlatMember member in members)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            if (member.IsZeroSize)
            {
                string inside = member.Name + ".";
                List<string> arrays = members.Where(m => !m.IsZeroSize && m.Path is not null && m.Path.StartsWith(inside, System.StringComparison.Ordinal))
                    .Select(m => names[m].TrimStart('@')).ToList();
                ZeroSizeMemberWriter.Write(writer, record, member, arrays, scope, context);
                continue;
            }

            string name = names[member];
            if (member.Field.IsBitfield)
            {
                WriteBitfield(writer, record, member, name, storage, scope, context);
            }
            else if (member.Field.Type.IsArray && member.Field.Type.Dimensions[0] == 0)
            {
                CSharpType? element = FlexibleArrayWriter.Write(writer, record, member, name, scope, context);
                // An array inside a zero-size member is reached by its path; the record's own trailing array is the one counted.
                flexibleElement = member.Path is null ? element : flexibleElement;
            }
            else
            {
                WriteField(writer, member, name, context);
            }
        }

        writer.Close();
        if (flexibleElement is not null && FlexibleArrayShape.Of(record, context) is { Count: { } count, Array: { } array } shape)
        {
            FlatMember countMember = members.First(m => m.Field == count && m.BitOffset == count.BitOffset);
            FlexibleArrayRecordWriter.Write(
                writer, record, typeName, flexibleElement.Name, array, shape.ArrayBitOffset, count, names[countMember], context.Options);
            context.FlexibleArrayElements[record.Name] = flexibleElement.Name;
        }
    }

    private static string ClaimMember(
        NameScope scope, string typeName, AbiRecord record, string cName, string wanted, SourceLocation location, EmissionContext context)
    {
        string name = scope.Claim(CSharpNames.Identifier(wanted), out bool renamed);
        if (renamed)
        {
            context.Report(
                MshvDiagnostics.NameCollision,
                "Member '" + cName + "' of " + record.CKeyword + " " + record.Name + " collides in C# with "
                + (CSharpNames.Identifier(wanted) == typeName ? "the name of its struct" : "another member of the same name") + "; it is emitted as '" + name + "'",
                location);
        }

        return CSharpNames.Escape(name);
    }

    private static void WriteField(IndentedWriter writer, FlatMember member, string name, EmissionContext context)
    {
        CSharpType? type = TypeMapper.Full(member.Field.Type, context, "Member '" + member.Name + "'", member.Field.Location);
        writer.Summary(Doc(member) + "; byte offset " + Num(member.ByteOffset) + "."
            + (member.Field.IsOpaque ? "\nOpaque: the ABI model cannot represent this C type, so only its bytes are bound (the layout stays exact)." : string.Empty));
        if (type is null)
        {
            writer.Line("// Not emitted: see the diagnostic reported for " + member.Field.Location + ".");
            return;
        }

        writer.Line("[FieldOffset(" + Num(member.ByteOffset) + ")] public " + type.Name + " " + name + ";");
    }

    private static void WriteBitfield(IndentedWriter writer, AbiRecord record, FlatMember member, string name, Dictionary<StorageWord, string> storage, NameScope scope, EmissionContext context)
    {
        AbiField field = member.Field;
        CSharpType? type = TypeMapper.Element(field.Type, context, "Bitfield '" + member.Name + "'", field.Location);
        IReadOnlyList<BitChunk>? chunks = BitfieldLayout.Plan(member.BitOffset, field.BitWidth, record.Size, member.Run);
        string bitsText = "bits " + Num(member.BitOffset) + ".." + Num(member.LastBit) + " of the record";
        if (type is null || type.IsRawBytes || chunks is null || field.BitWidth > 64 || field.Type.IsArray)
        {
            if (type is not null && !type.IsRawBytes)
            {
                context.Report(
                    MshvDiagnostics.InexactType,
                    "Bitfield '" + member.Name + "' of " + record.CKeyword + " " + record.Name + " (" + bitsText + ", " + Num(record.Size) + "-byte record) has no C# accessor: wider than 64 bits or outside the record",
                    field.Location);
            }

            writer.Summary(Doc(member) + "; " + bitsText + ".");
            writer.Line("// Not emitted: see the diagnostic reported for " + field.Location + ".");
            return;
        }

        foreach (BitChunk chunk in chunks.Where(c => !storage.ContainsKey(c.Word)))
        {
            // Storage words are ours, not the header's: a clash with a C member renames ours, silently.
            string storageName = scope.Claim(chunk.Word.Name, out _);
            storage[chunk.Word] = storageName;
            writer.Summary("Storage for the bitfields in bytes " + Num(chunk.Word.ByteOffset) + ".." + Num(chunk.Word.ByteOffset + (chunk.Word.Bits / 8) - 1) + " of the record.");
            writer.Line("[FieldOffset(" + Num(chunk.Word.ByteOffset) + ")] private " + chunk.Word.CSharpType + " " + storageName + ";");
            writer.Line();
        }

        writer.Summary(Doc(member) + "; " + bitsText + ".");
        BitfieldAccessorWriter.Write(writer, name, type, field.Type, chunks, field.BitWidth, storage);
    }

    /// <summary>The kernel's words on the member, if any, then its C declaration and where the header declares it.</summary>
    internal static string Doc(FlatMember member) => KernelDocText.Before(member.Field.Doc, Declaration(member));

    private static string Declaration(FlatMember member) =>
        "C: <c>" + CSharpNames.Xml(member.CDeclaration) + "</c> at " + CSharpNames.Xml(member.Field.Location.ToString());

    internal static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The widest alignment .NET may give the emitted members: a primitive's own size (a complex number's part's), a record's C
    /// alignment, and for a bitfield the widest storage word it may get (8 bytes, or its type's 16).
    /// </summary>
    private static long MemberAlignment(List<FlatMember> members, EmissionContext context)
    {
        long widest = 1;
        foreach (FlatMember member in members.Where(m => !m.IsZeroSize))
        {
            AbiType type = member.Field.Type;
            long alignment = type.IsRecord
                ? context.TryGetRecord(type.RecordName ?? string.Empty, out AbiRecord inner) ? inner.Alignment : 1
                : AbiPrimitive.IsComplex(type.Primitive) ? AbiPrimitive.SizeOf(type.Primitive) / 2 : AbiPrimitive.SizeOf(type.Primitive);
            widest = System.Math.Max(widest, member.Field.IsBitfield ? System.Math.Max(alignment, 8) : alignment);
        }

        return widest;
    }
}
