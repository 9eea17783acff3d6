using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Mshv.Abi;

namespace Mshv.Tests.Conformance;

/// <summary>
/// Writes C# that measures the generated types the way <see cref="CProbeWriter"/> measures C:
/// each member is set to all ones through the generated API (field or bitfield property) on a
/// zeroed value, and the value's bytes are scanned. Lines are formatted identically so the two
/// outputs can be compared line by line.
/// </summary>
internal static class CSharpProbeWriter
{
    public const string ProbeClass = "MshvConformanceProbe";

    private static readonly Dictionary<string, string> ScalarTypes = new(System.StringComparer.Ordinal)
    {
        ["i8"] = "sbyte", ["u8"] = "byte", ["i16"] = "short", ["u16"] = "ushort", ["i32"] = "int", ["u32"] = "uint",
        ["i64"] = "long", ["u64"] = "ulong", ["ptr"] = "nuint",
    };

    /// <summary><paramref name="withoutDescriptor"/>: requests the generator gave only a constant (a flexible array
    /// argument without a known count, MSHV0020); they are measured through the constant and the record.</summary>
    public static string Write(AbiModel model, string generatedNamespace, string classPrefix, ISet<string>? withoutDescriptor = null, string probeClass = ProbeClass)
    {
        var records = model.Records.ToDictionary(r => r.Name);
        var cs = new StringBuilder();
        cs.Append("using System;\nusing System.Linq;\nusing System.Numerics;\nusing System.Runtime.CompilerServices;\nusing System.Runtime.InteropServices;\nusing System.Text;\n");
        cs.Append("using ").Append(generatedNamespace).Append(";\n\n");
        cs.Append("public static class ").Append(probeClass).Append("\n{\n");
        cs.Append(Helpers);
        cs.Append("    public static string Run()\n    {\n        var o = new StringBuilder();\n");
        foreach (AbiRecord record in model.Records.Where(r => !r.IsAnonymous && r.Size > 0))
        {
            string type = TypeName(record.Name);
            cs.Append("        {\n            ").Append(type).Append(" x = default;\n");
            cs.Append("            o.Append(\"record ").Append(record.Name).Append(" size=\").Append(Unsafe.SizeOf<").Append(type).Append(">()).Append('\\n');\n");
            foreach (ProbedMember member in ProbedMember.Of(record, records))
            {
                string line = "member " + record.Name + " " + member.Path;
                string path = string.Join(".", member.Path.Split('.').Select(Escape));
                if (member.IsZeroSize)
                {
                    cs.Append("            o.Append(\"").Append(line).Append(" offset=\").Append(").Append(type).Append('.').Append(member.AccessorName)
                        .Append("_offset * 8).Append(\" zerosize\\n\");\n");
                    continue;
                }

                if (member.IsFlexibleArray)
                {
                    // The element size through the accessors: what one more element adds to the buffer size.
                    string bare = type + "." + member.AccessorName;
                    cs.Append("            o.Append(\"").Append(line).Append(" offset=\").Append(").Append(bare).Append("_offset * 8).Append(\" element=\").Append(")
                        .Append(type).Append(".SizeWith_").Append(member.AccessorName).Append("(1) - ").Append(type).Append(".SizeWith_").Append(member.AccessorName).Append("(0)).Append('\\n');\n");
                    continue;
                }

                cs.Append("            x = default; ");
                string signedness = "false";
                if (member.Field.IsBitfield)
                {
                    cs.Append(member.Field.Type.Primitive == AbiPrimitive.Bool
                        ? "x." + path + " = true;"
                        : "x." + path + " = unchecked((" + ScalarType(member.Field.Type) + ")(-1));");
                }
                else
                {
                    cs.Append("Fill(ref x.").Append(path).Append(");");
                }

                if (member.IsScalarInteger && member.Field.Type.Primitive != AbiPrimitive.Bool)
                {
                    signedness = member.Field.Type.EnumName is null
                        ? "Neg(x." + path + ")"
                        : "Neg((" + PrimitiveType(member.Field.Type.Primitive) + ")x." + path + ")";
                }

                cs.Append("\n            Bits(o, \"").Append(line).Append("\", Bytes(ref x), ").Append(signedness).Append(");\n");
            }

            cs.Append("        }\n");
        }

        foreach (AbiMacro macro in model.Macros)
        {
            cs.Append("        Macro(o, \"").Append(macro.Name).Append("\", ").Append(classPrefix).Append("Constants.").Append(Escape(macro.Name)).Append(");\n");
        }

        // Enum constants and named enums' types through reflection: one the generator declined (with a diagnostic) is
        // then missing, and the comparison says so, where naming it would make the probe not compile.
        foreach (AbiEnum e in model.Enums)
        {
            string names = "new[] { " + string.Join(", ", e.Constants.Select(k => "\"" + k.Name + "\"")) + " }";
            cs.Append(e.IsAnonymous
                ? "        Enumerators(o, typeof(" + classPrefix + "Constants), " + names + ");\n"
                : "        Enum(o, typeof(" + classPrefix + "Constants).Assembly.GetType(\"" + generatedNamespace + "." + e.Name + "\"), \"" + e.Name + "\", " + names + ");\n");
        }

        foreach (AbiIoctl ioctl in model.Ioctls)
        {
            // A record C# cannot have (an empty GNU struct) has no C# type to measure: the generator said so by name.
            if (withoutDescriptor?.Contains(ioctl.Name) == true && ioctl.ArgumentType?.RecordName is string record
                && records.TryGetValue(record, out AbiRecord? argument) && argument.Size > 0)
            {
                cs.Append("        Typed<").Append(TypeName(record)).Append(">(o, \"").Append(ioctl.Name).Append("\", (uint)").Append(classPrefix)
                    .Append("Constants.").Append(Escape(ioctl.Name)).Append(");\n");
            }
            else if (withoutDescriptor?.Contains(ioctl.Name) == true && ioctl.ArgumentType is { IsRecord: false, IsArray: false } scalar
                && ScalarTypes.TryGetValue(scalar.Primitive, out string? scalarType))
            {
                // An argument the kernel does not copy as declared (argument REQUEST -): the constant and the declared type.
                cs.Append("        Typed<").Append(scalarType).Append(">(o, \"").Append(ioctl.Name).Append("\", (uint)").Append(classPrefix)
                    .Append("Constants.").Append(Escape(ioctl.Name)).Append(");\n");
            }
        }

        foreach (AbiRequestBuilder builder in model.RequestBuilders)
        {
            foreach (string call in CProbeWriter.BuilderCalls(builder))
            {
                string arguments = call.Substring(builder.Name.Length + 1, call.Length - builder.Name.Length - 2);
                cs.Append("        Builder(o, typeof(").Append(classPrefix).Append("Constants).Assembly.GetType(\"").Append(generatedNamespace).Append('.').Append(classPrefix)
                    .Append("Ioctls\"), \"").Append(builder.Name).Append("\", \"").Append(call).Append("\", new object[] { ").Append(arguments).Append(" });\n");
            }
        }

        if (model.Ioctls.Count > 0)
        {
            // Every descriptor the generator emitted, found by reflection: one it declined (with a named diagnostic)
            // is then missing here, and the comparison decides whether that diagnostic explains it.
            cs.Append("        Ioctls(o, typeof(").Append(classPrefix).Append("Ioctls));\n");
        }

        cs.Append("        return o.ToString();\n    }\n}\n");
        return cs.ToString();
    }

    private static string TypeName(string recordName) => Escape(recordName.Replace(".", "__"));

    private static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string ScalarType(AbiType type) =>
        type.EnumName is not null ? TypeName(type.EnumName) : PrimitiveType(type.Primitive);

    private static string PrimitiveType(string primitive) => primitive switch
    {
        AbiPrimitive.I8 => "sbyte",
        AbiPrimitive.U8 => "byte",
        AbiPrimitive.I16 => "short",
        AbiPrimitive.U16 => "ushort",
        AbiPrimitive.I32 => "int",
        AbiPrimitive.U32 => "uint",
        AbiPrimitive.I64 => "long",
        AbiPrimitive.U64 => "ulong",
        AbiPrimitive.I128 => "Int128",
        AbiPrimitive.U128 => "UInt128",
        _ => "ulong",
    };

    private const string Helpers = """
            private static Span<byte> Bytes<T>(ref T value) where T : unmanaged =>
                MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref value, 1));

            private static void Fill<T>(ref T value) where T : unmanaged => Bytes(ref value).Fill(0xFF);

            private static bool Neg<T>(T value) where T : INumberBase<T> => T.IsNegative(value);

            private static void Bits(StringBuilder o, string what, ReadOnlySpan<byte> bytes, bool isSigned)
            {
                long first = -1, last = -1, count = 0;
                for (int i = 0; i < bytes.Length * 8; i++)
                {
                    if ((bytes[i / 8] & (1 << (i % 8))) != 0)
                    {
                        if (first < 0) first = i;
                        last = i;
                        count++;
                    }
                }

                o.Append(what).Append(" bit=").Append(first).Append(" count=").Append(count)
                 .Append(" contiguous=").Append(count == 0 || last - first + 1 == count ? 1 : 0)
                 .Append(" signed=").Append(isSigned ? 1 : 0).Append('\n');
            }

            private static void Macro<T>(StringBuilder o, string name, T value) where T : unmanaged, INumberBase<T>
            {
                bool isSigned = T.IsNegative(T.Zero - T.One);
                o.Append("macro ").Append(name).Append(" value=").Append(value.ToString(null, System.Globalization.CultureInfo.InvariantCulture))
                 .Append(" size=").Append(Unsafe.SizeOf<T>()).Append(" signed=").Append(isSigned ? 1 : 0).Append('\n');
            }

            private static void Enum(StringBuilder o, Type? type, string name, string[] constants)
            {
                if (type is null)
                {
                    return;
                }

                TypeCode underlying = Type.GetTypeCode(System.Enum.GetUnderlyingType(type));
                bool isSigned = underlying is TypeCode.SByte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64;
                o.Append("enum ").Append(name).Append(" size=").Append(Marshal.SizeOf(System.Enum.GetUnderlyingType(type))).Append(" signed=").Append(isSigned ? 1 : 0).Append('\n');
                Enumerators(o, type, constants);
            }

            /// <summary>The constants' values as their declared type reads them, by their C names.</summary>
            private static void Enumerators(StringBuilder o, Type holder, string[] constants)
            {
                foreach (string constant in constants)
                {
                    if (holder.GetField(constant, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static) is System.Reflection.FieldInfo field)
                    {
                        object value = field.GetRawConstantValue()!;
                        o.Append("enumerator ").Append(constant).Append(" value=").Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
                    }
                }
            }

            /// <summary>The generated request method called as C calls the macro; a method the generator did not emit prints nothing.</summary>
            private static void Builder(StringBuilder o, Type? ioctls, string name, string call, object[] arguments)
            {
                if (ioctls?.GetMethod(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static) is System.Reflection.MethodInfo method)
                {
                    uint request = (uint)method.Invoke(null, arguments)!;
                    o.Append("ioctlfn ").Append(call).Append(" request=0x").Append(request.ToString("x")).Append('\n');
                }
            }

            private static void Ioctls(StringBuilder o, Type ioctls)
            {
                // Every request is a static property of a descriptor type (All and AllBuilders are the tables, not descriptors).
                foreach (System.Reflection.PropertyInfo property in ioctls.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).Where(p => p.PropertyType.GetProperty("Request") is not null))
                {
                    object descriptor = property.GetValue(null)!;
                    Type type = descriptor.GetType();
                    string name = (string)type.GetProperty("Name")!.GetValue(descriptor)!;
                    uint request = (uint)type.GetProperty("Request")!.GetValue(descriptor)!;
                    o.Append("ioctl ").Append(name).Append(" request=0x").Append(request.ToString("x"));
                    // IoctlNone<TOn> has no argument: its one type argument is the fd kind set, not a struct.
                    if (type.IsGenericType && !type.Name.StartsWith("IoctlNone", StringComparison.Ordinal))
                    {
                        o.Append(" argsize=").Append(typeof(Unsafe).GetMethod("SizeOf")!.MakeGenericMethod(type.GetGenericArguments()[0]).Invoke(null, null));
                    }

                    o.Append('\n');
                }
            }

            private static void Typed<T>(StringBuilder o, string name, uint request) where T : unmanaged =>
                o.Append("ioctl ").Append(name).Append(" request=0x").Append(request.ToString("x")).Append(" argsize=").Append(Unsafe.SizeOf<T>()).Append('\n');


        """;
}
