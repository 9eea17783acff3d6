using System.Collections.Generic;
using System.Linq;
using System.Text;
using Mshv.Abi;

namespace Mshv.Tests.Conformance;

/// <summary>
/// Writes a C program that asks the C compiler, not the model, for every number the bindings rely on.
/// The model only says which records, members and macros exist; every printed value is computed by
/// the compiled program: sizeof, alignment, and each member's bits found by setting the member to all
/// ones in a zeroed object and scanning the bytes.
/// </summary>
internal static class CProbeWriter
{
    /// <param name="entry">The function that prints everything: <c>main</c> for a program of its own, or another name
    /// (a <c>void</c> function) when several headers' probes, each compiled alone, are linked into one program.</param>
    /// <param name="tags">Every struct/union tag gcc sees (<see cref="CompilerInventory.TagsAnywhere"/>); a top-level record
    /// not among them is an untagged <c>typedef struct { … } name;</c>. Without it, the model's typedefs decide.</param>
    public static string Write(AbiModel model, IEnumerable<string> headers, string entry = "main", IReadOnlySet<string>? tags = null)
    {
        var records = model.Records.ToDictionary(r => r.Name);
        var untagged = model.Typedefs.Where(t => t.CType.EndsWith(" {...}", System.StringComparison.Ordinal) && t.Type.RecordName == t.Name)
            .Select(t => t.Name).ToHashSet(System.StringComparer.Ordinal);
        bool NamedByTypedef(AbiRecord record) => untagged.Contains(record.Name) || (tags is not null && !tags.Contains(record.Name));
        var c = new StringBuilder();
        foreach (string header in headers)
        {
            c.Append("#include <").Append(header).Append(">\n");
        }

        c.Append(ProbePrelude);
        c.Append(entry == "main" ? "int main(void) {\n" : "void " + entry + "(void) {\n");
        foreach (AbiRecord record in model.Records.Where(r => !r.IsAnonymous && r.Size > 0))
        {
            string type = TypeExpression(record, records, NamedByTypedef);
            c.Append("  { typedef ").Append(type).Append(" T; T o; (void)o;\n");
            c.Append("    printf(\"record ").Append(record.Name).Append(" size=%zu\\nalign ").Append(record.Name).Append(" value=%zu\\n\", sizeof(T), _Alignof(T));\n");
            foreach (ProbedMember member in ProbedMember.Of(record, records))
            {
                string line = "member " + record.Name + " " + member.Path;
                if (member.IsZeroSize)
                {
                    c.Append("    printf(\"").Append(line).Append(" offset=%zu zerosize\\n\", offsetof(T, ").Append(member.Path).Append(") * 8);\n");
                    continue;
                }

                if (member.IsFlexibleArray)
                {
                    c.Append("    printf(\"").Append(line).Append(" offset=%zu element=%zu\\n\", offsetof(T, ").Append(member.Path)
                        .Append(") * 8, sizeof o.").Append(member.Path).Append("[0]);\n");
                    continue;
                }

                c.Append("    memset(&o, 0, sizeof o); ");
                if (member.Field.IsBitfield)
                {
                    c.Append(member.Field.Type.Primitive == AbiPrimitive.Bool ? "o." + member.Path + " = 1;" : "o." + member.Path + " = -1;");
                }
                else
                {
                    c.Append("memset(&o.").Append(member.Path).Append(", 0xff, sizeof o.").Append(member.Path).Append(");");
                }

                string signedness = member.IsScalarInteger && member.Field.Type.Primitive != AbiPrimitive.Bool
                    ? "(o." + member.Path + " < 0)"
                    : "0";
                c.Append("\n    mshv_probe_bits(\"").Append(line).Append("\", &o, sizeof o, ").Append(signedness).Append(");\n");
            }

            c.Append("  }\n");
        }

        foreach (AbiMacro macro in model.Macros)
        {
            c.Append("  mshv_probe_macro(\"").Append(macro.Name).Append("\", (unsigned long long)(").Append(macro.Name)
                .Append("), sizeof(").Append(macro.Name).Append("), ((__typeof__(").Append(macro.Name).Append("))-1) < 0);\n");
        }

        // Enum constants by value as C has them, and each named enum's own type: its size and signedness (the model's
        // underlying type, which the generated C# enum declares).
        foreach (AbiEnum e in model.Enums)
        {
            if (!e.IsAnonymous)
            {
                string type = EnumTypeExpression(e, model);
                c.Append("  printf(\"enum ").Append(e.Name).Append(" size=%zu signed=%d\\n\", sizeof(").Append(type).Append("), ((").Append(type).Append(")-1) < 0);\n");
            }

            foreach (AbiEnumConstant constant in e.Constants)
            {
                c.Append("  mshv_probe_enumerator(\"").Append(constant.Name).Append("\", (unsigned long long)(").Append(constant.Name).Append("), (").Append(constant.Name).Append(") < 0);\n");
            }
        }

        foreach (AbiIoctl ioctl in model.Ioctls)
        {
            c.Append("  printf(\"ioctl ").Append(ioctl.Name).Append(" request=0x%llx");
            if (ioctl.ArgumentCType is not null)
            {
                c.Append(" argsize=%zu\\n\", (unsigned long long)(").Append(ioctl.Name).Append("), sizeof(").Append(ioctl.ArgumentCType).Append("));\n");
            }
            else
            {
                c.Append("\\n\", (unsigned long long)(").Append(ioctl.Name).Append("));\n");
            }
        }

        // Function-like request macros called at a few points that fit their fields (0, 1, 3, each argument's largest).
        foreach (AbiRequestBuilder builder in model.RequestBuilders)
        {
            foreach (string call in BuilderCalls(builder))
            {
                c.Append("  printf(\"ioctlfn ").Append(call).Append(" request=0x%llx\\n\", (unsigned long long)(").Append(call).Append("));\n");
            }
        }

        c.Append(entry == "main" ? "  return 0;\n}\n" : "}\n");
        return c.ToString();
    }

    /// <summary>The calls both probes make of a request builder, spelled as C calls it: <c>EVIOCGBIT(0, 1)</c>.</summary>
    internal static IEnumerable<string> BuilderCalls(AbiRequestBuilder builder) =>
        BuilderArguments.ThatFit(builder).Select(a => builder.Name + "(" + string.Join(", ", a) + ")").Distinct();

    /// <summary>An enum's C type: <c>enum tag</c>, or the typedef name of an untagged <c>typedef enum { … } name;</c>.</summary>
    private static string EnumTypeExpression(AbiEnum e, AbiModel model) =>
        model.Typedefs.Any(t => t.Name == e.Name && t.Type.EnumName == e.Name && t.CType.EndsWith("{...}", System.StringComparison.Ordinal))
            ? e.Name
            : "enum " + e.Name;

    /// <summary>
    /// How C names a record type: its tag, or for an unnamed record used by a named member, the type of
    /// that member (GNU <c>__typeof__</c>), so nested unnamed records are measured by the compiler too.
    /// </summary>
    private static string TypeExpression(AbiRecord record, IReadOnlyDictionary<string, AbiRecord> records, System.Func<AbiRecord, bool> namedByTypedef)
    {
        int dot = record.Name.LastIndexOf('.');
        if (dot < 0)
        {
            // typedef struct { … } name; has no tag: C names it by the typedef (the model names the record after it).
            return namedByTypedef(record) ? record.Name : record.CKeyword + " " + record.Name;
        }

        // A tagless record whose typedef name a tag also has (struct foo beside typedef struct { … } foo): the typedef.
        if (record.Name.EndsWith(".typedef", System.StringComparison.Ordinal))
        {
            return record.Name.Substring(0, dot);
        }

        AbiRecord parent = records[record.Name.Substring(0, dot)];
        // The member typed by this record: its name is the suffix, unless the scanner had to make the name unique (p.anon0_2).
        string member = parent.Fields.FirstOrDefault(f => f.Type.RecordName == record.Name && !f.IsAnonymousMember)?.Name ?? record.Name.Substring(dot + 1);

        // An array of unnamed records (kvm_ioapic_state.redirtbl) is measured through its first element.
        ProbedMember field = ProbedMember.Of(parent, records).First(m => m.Path == member);
        string elements = string.Concat(field.Field.Type.Dimensions.Select(_ => "[0]"));
        return "__typeof__(((" + TypeExpression(parent, records, namedByTypedef) + " *)0)->" + member + elements + ")";
    }

    private const string ProbePrelude = """

        #include <stdio.h>
        #include <string.h>
        #include <stddef.h>

        /* Prints where the set bits are: first bit, how many, and whether they are one contiguous run. */
        static void mshv_probe_bits(const char *what, const void *object, size_t size, int is_signed)
        {
            const unsigned char *bytes = object;
            long first = -1, last = -1, count = 0;
            for (size_t i = 0; i < size * 8; i++) {
                if (bytes[i / 8] & (1u << (i % 8))) {
                    if (first < 0) first = (long)i;
                    last = (long)i;
                    count++;
                }
            }
            printf("%s bit=%ld count=%ld contiguous=%d signed=%d\n", what, first, count,
                   count == 0 || last - first + 1 == count, is_signed);
        }

        static void mshv_probe_macro(const char *name, unsigned long long value, size_t size, int is_signed)
        {
            if (is_signed)
                printf("macro %s value=%lld size=%zu signed=1\n", name, (long long)value, size);
            else
                printf("macro %s value=%llu size=%zu signed=0\n", name, value, size);
        }

        static void mshv_probe_enumerator(const char *name, unsigned long long value, int is_negative)
        {
            if (is_negative)
                printf("enumerator %s value=%lld\n", name, (long long)value);
            else
                printf("enumerator %s value=%llu\n", name, value);
        }


        """;
}
