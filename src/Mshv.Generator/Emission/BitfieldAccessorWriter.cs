using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// Writes the property of one bitfield over its storage words. All arithmetic is on <c>ulong</c> inside
/// <c>unchecked</c>, so it means the same in a project built with overflow checking.
/// </summary>
internal static class BitfieldAccessorWriter
{
    public static void Write(IndentedWriter writer, string name, CSharpType type, AbiType abiType, IReadOnlyList<BitChunk> chunks, int width, IReadOnlyDictionary<StorageWord, string> storage)
    {
        string get = "readonly get => " + FromRaw(Read(chunks, storage), type, abiType, width) + ";";
        string bits = ToRaw(type, abiType);
        if (chunks.Count == 1)
        {
            // The common case on one line: a property is what the compiler binds, its line breaks only what it reads.
            writer.Line("public " + type.Name + " " + name + " { " + get + " set => " + Store(chunks[0], storage[chunks[0].Word], bits) + "; }");
            return;
        }

        writer.Open("public " + type.Name + " " + name);
        writer.Line(get);
        writer.Open("set");
        writer.Line("ulong bits = " + bits + ";");
        foreach (BitChunk chunk in chunks)
        {
            writer.Line(Store(chunk, storage[chunk.Word], "bits") + ";");
        }

        writer.Close();
        writer.Close();
    }

    /// <summary>The field's bits, right-aligned in a ulong.</summary>
    private static string Read(IReadOnlyList<BitChunk> chunks, IReadOnlyDictionary<StorageWord, string> storage)
    {
        string Masked(BitChunk chunk)
        {
            string word = Widened(chunk.Word, storage[chunk.Word]);
            string shifted = chunk.Shift == 0 ? word : "(" + word + " >> " + Num(chunk.Shift) + ")";
            return shifted + " & " + Hex(Mask(chunk.Width));
        }

        return chunks.Count == 1
            ? Masked(chunks[0])
            : string.Join(" | ", chunks.Select(c => c.ValueShift == 0 ? "(" + Masked(c) + ")" : "((" + Masked(c) + ") << " + Num(c.ValueShift) + ")"));
    }

    /// <summary>Assigns one chunk of <paramref name="bits"/> into its word, keeping every other bit of the word.</summary>
    private static string Store(BitChunk chunk, string storageName, string bits)
    {
        ulong keep = ~(Mask(chunk.Width) << chunk.Shift) & Mask(chunk.Word.Bits);
        string source = chunk.ValueShift == 0 ? bits : "(" + bits + " >> " + Num(chunk.ValueShift) + ")";
        string placed = "(" + source + " & " + Hex(Mask(chunk.Width)) + ")";
        if (chunk.Shift != 0)
        {
            placed = "(" + placed + " << " + Num(chunk.Shift) + ")";
        }

        string combined = "(" + Widened(chunk.Word, storageName) + " & " + Hex(keep) + ") | " + placed;
        return storageName + " = " + (chunk.Word.Bits == 64 ? combined : "unchecked((" + chunk.Word.CSharpType + ")(" + combined + "))");
    }

    private static string Widened(StorageWord word, string name) => word.Bits == 64 ? name : "(ulong)" + name;

    private static string FromRaw(string raw, CSharpType type, AbiType abiType, int width)
    {
        if (abiType.Primitive == AbiPrimitive.Bool)
        {
            return "(" + raw + ") != 0";
        }

        string integer = TypeMapper.Primitive(abiType.Primitive) ?? "ulong";
        string value;
        if (AbiPrimitive.IsSigned(abiType.Primitive))
        {
            // Move the field's top bit to bit 63, then shift back arithmetically: that is sign extension.
            value = width == 64 ? "(long)(" + raw + ")" : "(long)((" + raw + ") << " + Num(64 - width) + ") >> " + Num(64 - width);
            value = integer == "long" ? value : "(" + integer + ")(" + value + ")";
        }
        else
        {
            value = integer == "ulong" ? raw : "(" + integer + ")(" + raw + ")";
        }

        if (type.Name != integer)
        {
            value = "(" + type.Name + ")(" + value + ")";
        }

        return value == raw ? raw : "unchecked(" + value + ")";
    }

    private static string ToRaw(CSharpType type, AbiType abiType)
    {
        if (abiType.Primitive == AbiPrimitive.Bool)
        {
            return "(value ? 1UL : 0UL)";
        }

        string integer = TypeMapper.Primitive(abiType.Primitive) ?? "ulong";
        if (type.Name == "ulong")
        {
            return "value";
        }

        return type.Name == integer ? "unchecked((ulong)value)" : "unchecked((ulong)(" + integer + ")value)";
    }

    private static ulong Mask(int bits) => bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;

    private static string Hex(ulong value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture) + "UL";

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
