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
/// Chooses the storage words for a bitfield from clang's bit offset and width, the record's size and the
/// bytes of the bitfield's run; nothing is derived from the declared type. A word always lies inside the run:
/// a non-bitfield neighbour is its own C11 memory location (in a shared page the kernel may write it at any
/// time), so a setter's read-modify-write must never cover it, and reading never touches memory past the struct.
/// </summary>
internal static class BitfieldLayout
{
    private static readonly int[] WordBits = { 64, 32, 16, 8 };

    /// <summary>
    /// One chunk when a naturally aligned word inside the run holds the whole field (the largest such word,
    /// so the run's bitfields share storage), otherwise one chunk per piece, each in the largest aligned word
    /// inside the run that holds the piece's first bit. Null when the field lies outside the record or its run
    /// (a model inconsistency).
    /// </summary>
    public static IReadOnlyList<BitChunk>? Plan(long bitOffset, int width, long recordSize, ByteRange run)
    {
        long runStart = Math.Max(run.Start, 0) * 8;
        long runEnd = Math.Min(run.End, recordSize) * 8;
        if (bitOffset < 0 || width <= 0 || bitOffset + width > recordSize * 8 || bitOffset < runStart || bitOffset + width > runEnd)
        {
            return null;
        }

        foreach (int bits in WordBits)
        {
            long start = bitOffset - (bitOffset % bits);
            if (start >= runStart && bitOffset + width <= start + bits && start + bits <= runEnd)
            {
                return new[] { new BitChunk(new StorageWord(start / 8, bits), (int)(bitOffset - start), width, 0) };
            }
        }

        var chunks = new List<BitChunk>();
        long current = bitOffset;
        long end = bitOffset + width;
        while (current < end)
        {
            // The byte holding the current bit is inside the run, so the 8-bit word always qualifies.
            foreach (int bits in WordBits)
            {
                long start = current - (current % bits);
                if (start >= runStart && start + bits <= runEnd)
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
