using System;
using System.Collections.Generic;
using System.Globalization;

namespace Mshv.Generator.Emission;

/// <summary>An integer word of the record through which bitfields are read and written.</summary>
internal sealed record StorageWord(long ByteOffset, int Bits)
{
    public string Name => "__bits_" + ByteOffset.ToString(CultureInfo.InvariantCulture);

    public string CSharpType => Bits switch
    {
        64 => "ulong",
        32 => "uint",
        16 => "ushort",
        _ => "byte",
    };
}

/// <summary>
/// <paramref name="Width"/> bits of a bitfield that live in <paramref name="Word"/> from bit
/// <paramref name="Shift"/> of the word, holding bits <paramref name="ValueShift"/>.. of the field's value.
/// </summary>
internal sealed record BitChunk(StorageWord Word, int Shift, int Width, int ValueShift);

/// <summary>
/// Chooses the storage words for a bitfield from clang's bit offset and width and the record's size; nothing
/// is derived from the declared type. A word always lies inside the record, so reading it never touches
/// memory past the struct.
/// </summary>
internal static class BitfieldLayout
{
    private static readonly int[] WordBits = { 64, 32, 16, 8 };

    /// <summary>
    /// One chunk when a naturally aligned word inside the record holds the whole field (the largest such word,
    /// so neighbouring bitfields share storage), otherwise one chunk per word the field crosses.
    /// Null when the field lies outside the record (a model inconsistency).
    /// </summary>
    public static IReadOnlyList<BitChunk>? Plan(long bitOffset, int width, long recordSize)
    {
        if (bitOffset < 0 || width <= 0 || bitOffset + width > recordSize * 8)
        {
            return null;
        }

        foreach (int bits in WordBits)
        {
            long start = bitOffset - (bitOffset % bits);
            if (bitOffset + width <= start + bits && (start + bits) / 8 <= recordSize)
            {
                return new[] { new BitChunk(new StorageWord(start / 8, bits), (int)(bitOffset - start), width, 0) };
            }
        }

        var chunks = new List<BitChunk>();
        long current = bitOffset;
        long end = bitOffset + width;
        while (current < end)
        {
            foreach (int bits in WordBits)
            {
                long start = current - (current % bits);
                if ((start + bits) / 8 <= recordSize)
                {
                    int take = (int)(Math.Min(end, start + bits) - current);
                    chunks.Add(new BitChunk(new StorageWord(start / 8, bits), (int)(current - start), take, (int)(current - bitOffset)));
                    current += take;
                    break;
                }
            }
        }

        return chunks;
    }
}
