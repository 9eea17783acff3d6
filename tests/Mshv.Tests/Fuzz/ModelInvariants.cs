using System;
using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Tests.Fuzz;

/// <summary>
/// What every model the reader accepts must satisfy, written again here without the reader's code, so a mutant the
/// reader lets through with contradictory numbers is caught. Returns the first broken rule, or null.
/// </summary>
internal static class ModelInvariants
{
    public static string? FirstViolation(AbiModel model)
    {
        var records = new Dictionary<string, AbiRecord>(StringComparer.Ordinal);
        foreach (AbiRecord record in model.Records)
        {
            if (!records.TryAdd(record.Name, record))
            {
                return "record " + record.Name + " twice";
            }
        }

        foreach (IEnumerable<string> names in new[]
        {
            model.Enums.Select(e => e.Name), model.Typedefs.Select(t => t.Name), model.Macros.Select(m => m.Name), model.Ioctls.Select(i => i.Name),
        })
        {
            string? duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (duplicate is not null)
            {
                return "name " + duplicate + " twice";
            }
        }

        foreach (AbiRecord record in model.Records)
        {
            string? broken = RecordViolation(record, records);
            if (broken is not null)
            {
                return record.Name + ": " + broken;
            }
        }

        foreach (AbiIoctl ioctl in model.Ioctls)
        {
            // The seeds are x86_64 models: asm-generic _IOC layout.
            ulong r = ioctl.Request;
            if ((r & 0xff) != ioctl.Number || ((r >> 8) & 0xff) != ioctl.Type || ((r >> 16) & 0x3fff) != ioctl.Size || (int)((r >> 30) & 3) != (int)ioctl.Direction)
            {
                return "ioctl " + ioctl.Name + " fields disagree with request 0x" + r.ToString("x");
            }
        }

        AbiModel reread = AbiModelReader.Read(AbiModelWriter.Write(model), "reread.abi");
        return reread == AbiModelWriter.Canonicalize(model) ? null : "the model does not survive a write and a read";
    }

    private static string? RecordViolation(AbiRecord record, Dictionary<string, AbiRecord> records)
    {
        if (record.Size < 0 || record.Alignment <= 0 || (record.Alignment & (record.Alignment - 1)) != 0)
        {
            return "size " + record.Size + " align " + record.Alignment;
        }

        var named = record.Fields.Where(f => !f.IsAnonymousMember).Select(f => f.Name).ToList();
        if (named.Distinct(StringComparer.Ordinal).Count() != named.Count)
        {
            return "a member name twice";
        }

        var spans = new List<(long Start, long End)>();
        foreach (AbiField field in record.Fields)
        {
            if (field.Type.IsRecord && field.Type.RecordName == record.Name && !field.Type.Dimensions.Contains(0))
            {
                return "contains itself";
            }

            long? bits = field.IsBitfield ? field.BitWidth : Bits(field.Type, records);
            if (bits is null)
            {
                continue;
            }

            if (field.BitOffset < 0 || field.BitOffset + bits > record.Size * 8)
            {
                return "field " + field.Name + " outside the record";
            }

            if (bits > 0)
            {
                spans.Add((field.BitOffset, field.BitOffset + bits.Value));
            }
        }

        if (record.Kind == RecordKind.Struct)
        {
            spans.Sort();
            for (int i = 1; i < spans.Count; i++)
            {
                if (spans[i].Start < spans.Take(i).Max(s => s.End))
                {
                    return "struct members overlap at bit " + spans[i].Start;
                }
            }
        }

        return null;
    }

    private static long? Bits(AbiType type, Dictionary<string, AbiRecord> records)
    {
        long element;
        if (type.IsRecord)
        {
            if (!records.TryGetValue(type.RecordName ?? string.Empty, out AbiRecord? record))
            {
                return null;
            }

            element = record.Size;
        }
        else
        {
            element = AbiPrimitive.SizeOf(type.Primitive);
        }

        return type.Dimensions.Aggregate(element, (total, dimension) => total * dimension) * 8;
    }
}
