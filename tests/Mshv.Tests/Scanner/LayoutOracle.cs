using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Mshv.Abi;

namespace Mshv.Tests.Scanner;

/// <summary>
/// Writes a C program that prints, for every named record of a model, what the C compiler decided:
/// sizeof and _Alignof, each member's bit offset (offsetof), each bitfield's bits (zero an object, set the
/// member to all ones, scan the bytes), each macro's value and C type (via _Generic), each ioctl's request
/// and sizeof(argument), each enum constant. <see cref="Expected"/> prints the same lines from the model.
/// </summary>
internal static class LayoutOracle
{
    public static string Program(AbiModel model)
    {
        var c = new StringBuilder();
        c.Append("#include <stdio.h>\n#include <string.h>\n#include <stddef.h>\n");
        foreach (string header in model.Headers)
        {
            c.Append("#include <").Append(header).Append(">\n");
        }

        c.Append("""
            static void bits(const char *name, const unsigned char *p, size_t n)
            {
                long lo = -1, hi = -1;
                for (size_t i = 0; i < n * 8; i++)
                    if ((p[i / 8] >> (i % 8)) & 1) { if (lo < 0) lo = (long)i; hi = (long)i; }
                printf("bits %s %ld %ld\n", name, lo, hi - lo + 1);
            }
            #define CTYPE(x) _Generic((x), int: "int", unsigned int: "unsigned int", long: "long", \
                unsigned long: "unsigned long", long long: "long long", unsigned long long: "unsigned long long", default: "other")
            int main(void)
            {

            """);
        foreach (AbiRecord record in NamedRecords(model))
        {
            string type = CName(model, record);
            c.Append($"    printf(\"size {record.Name} %zu %zu\\n\", sizeof({type}), _Alignof({type}));\n");
            foreach ((string path, AbiField field, long bit) in Members(model, record))
            {
                if (field.IsBitfield)
                {
                    c.Append($"    {{ {type} v; memset(&v, 0, sizeof v); v.{path} = -1; bits(\"{record.Name}.{path}\", (const unsigned char *)&v, sizeof v); }}\n");
                }
                else
                {
                    c.Append($"    printf(\"offset {record.Name}.{path} %zu\\n\", offsetof({type}, {path}) * 8);\n");
                    if (IsUnnamedRecord(field))
                    {
                        c.Append($"    printf(\"size {record.Name}.{path} %zu\\n\", sizeof((({type} *)0)->{path}{FirstElement(field)}));\n");
                    }
                }
            }
        }

        foreach (AbiMacro macro in model.Macros)
        {
            string format = AbiPrimitive.IsSigned(macro.Primitive) ? "%lld" : "%llu";
            string cast = AbiPrimitive.IsSigned(macro.Primitive) ? "long long" : "unsigned long long";
            c.Append($"    printf(\"macro {macro.Name} %s {format}\\n\", CTYPE({macro.Name}), ({cast})({macro.Name}));\n");
        }

        foreach (AbiIoctl ioctl in model.Ioctls)
        {
            string size = ioctl.ArgumentCType is null ? "0" : "sizeof(" + ioctl.ArgumentCType + ")";
            c.Append($"    printf(\"ioctl {ioctl.Name} %llu %zu\\n\", (unsigned long long)({ioctl.Name}), (size_t){size});\n");
        }

        foreach (AbiEnumConstant constant in model.Enums.SelectMany(e => e.Constants))
        {
            c.Append($"    printf(\"enum {constant.Name} %lld\\n\", (long long){constant.Name});\n");
        }

        c.Append("    return 0;\n}\n");
        return c.ToString();
    }

    public static string Expected(AbiModel model)
    {
        var lines = new StringBuilder();
        foreach (AbiRecord record in NamedRecords(model))
        {
            lines.Append($"size {record.Name} {record.Size} {record.Alignment}\n");
            foreach ((string path, AbiField field, long bit) in Members(model, record))
            {
                if (field.IsBitfield)
                {
                    lines.Append($"bits {record.Name}.{path} {bit} {field.BitWidth}\n");
                }
                else
                {
                    lines.Append($"offset {record.Name}.{path} {bit}\n");
                    if (IsUnnamedRecord(field))
                    {
                        lines.Append($"size {record.Name}.{path} {Record(model, field.Type.RecordName!).Size}\n");
                    }
                }
            }
        }

        foreach (AbiMacro macro in model.Macros)
        {
            lines.Append($"macro {macro.Name} {macro.CType} {macro.Value}\n");
        }

        foreach (AbiIoctl ioctl in model.Ioctls)
        {
            lines.Append($"ioctl {ioctl.Name} {ioctl.Request.ToString(CultureInfo.InvariantCulture)} {ioctl.Size}\n");
        }

        foreach (AbiEnumConstant constant in model.Enums.SelectMany(e => e.Constants))
        {
            lines.Append($"enum {constant.Name} {constant.Value}\n");
        }

        return lines.ToString();
    }

    /// <summary>Records C can name: tags (and typedef names), not the model's dotted names for unnamed records.</summary>
    private static IEnumerable<AbiRecord> NamedRecords(AbiModel model) => model.Records.Where(r => !r.Name.Contains('.'));

    private static string CName(AbiModel model, AbiRecord record) =>
        model.Typedefs.Any(t => t.Name == record.Name && t.Type.RecordName == record.Name)
            ? record.Name
            : record.CKeyword + " " + record.Name;

    private static bool IsUnnamedRecord(AbiField field) => field.Type.IsRecord && field.Type.RecordName!.Contains('.');

    private static string FirstElement(AbiField field) => string.Concat(field.Type.Dimensions.Select(_ => "[0]"));

    private static AbiRecord Record(AbiModel model, string name) => model.Records.Single(r => r.Name == name);

    /// <summary>Every member reachable as in C: through anonymous members, and into unnamed records of named members.</summary>
    private static IEnumerable<(string Path, AbiField Field, long Bit)> Members(AbiModel model, AbiRecord record, string prefix = "", long baseBit = 0)
    {
        foreach (AbiField field in record.Fields)
        {
            long bit = baseBit + field.BitOffset;
            if (field.IsAnonymousMember)
            {
                foreach (var inner in Members(model, Record(model, field.Type.RecordName!), prefix, bit))
                {
                    yield return inner;
                }

                continue;
            }

            string path = prefix + field.Name;
            yield return (path, field, bit);
            if (IsUnnamedRecord(field))
            {
                // Into an array of unnamed records through its first element: C can name that path.
                foreach (var inner in Members(model, Record(model, field.Type.RecordName!), path + FirstElement(field) + ".", bit))
                {
                    yield return inner;
                }
            }
        }
    }
}
