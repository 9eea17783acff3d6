using Mshv.Abi;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// A flexible or zero-length trailing array (<c>entries[]</c>, <c>entries[0]</c>) has no storage in the struct:
/// the caller owns a buffer of the struct followed by the elements. We give its offset, a span over such a
/// buffer, and the buffer size the C idiom <c>sizeof(struct) + count * sizeof(element)</c> asks for.
/// </summary>
internal static class FlexibleArrayWriter
{
    public static CSharpType? Write(IndentedWriter writer, AbiRecord record, FlatMember member, string name, NameScope scope, EmissionContext context)
    {
        string user = "Flexible array '" + member.Name + "'";
        CSharpType? element = TypeMapper.Element(member.Field.Type, context, user, member.Field.Location);
        CSharpType? item = element is null ? null : TypeMapper.Wrap(element, member.Field.Type, 1, context);
        string doc = RecordEmitter.Doc(member);
        if (item is null)
        {
            if (element is not null)
            {
                context.Report(MshvDiagnostics.InexactType, user + " has a zero inner dimension; it is not emitted", member.Field.Location);
            }

            writer.Summary(doc + "; flexible array at byte offset " + RecordEmitter.Num(member.ByteOffset) + ".");
            writer.Line("// Not emitted: see the diagnostic reported for " + member.Field.Location + ".");
            return null;
        }

        string bare = name.TrimStart('@');
        string offsetName = Claim(scope, bare + "_offset", record, member, context);
        string sizeName = Claim(scope, "SizeWith_" + bare, record, member, context);
        writer.Summary(doc + ": byte offset of the flexible array.");
        writer.Line("public const int " + offsetName + " = " + RecordEmitter.Num(member.ByteOffset) + ";");
        writer.Line();
        writer.Summary(doc + ": the first <paramref name=\"count\"/> elements in <paramref name=\"buffer\"/>, which holds this struct followed by the elements.\nThrows <see cref=\"ArgumentOutOfRangeException\"/> when the buffer is too small.");
        writer.Line("public static Span<" + item.Name + "> " + name + "(Span<byte> buffer, int count) =>");
        writer.Line("    MemoryMarshal.Cast<byte, " + item.Name + ">(buffer.Slice(" + offsetName + ", checked(count * " + RecordEmitter.Num(item.Size) + ")));");
        writer.Line();
        writer.Summary(doc + ": bytes to allocate for this struct and <paramref name=\"count\"/> elements, <c>sizeof + count * " + RecordEmitter.Num(item.Size) + "</c>.");
        writer.Line("public static int " + sizeName + "(int count) => checked(" + RecordEmitter.Num(record.Size) + " + (count * " + RecordEmitter.Num(item.Size) + "));");
        return item;
    }

    private static string Claim(NameScope scope, string wanted, AbiRecord record, FlatMember member, EmissionContext context)
    {
        string name = scope.Claim(wanted, out bool renamed);
        if (renamed)
        {
            context.Report(
                MshvDiagnostics.NameCollision,
                "The accessor '" + wanted + "' for flexible array '" + member.Name + "' of " + record.CKeyword + " " + record.Name + " collides with a member; it is emitted as '" + name + "'",
                member.Field.Location);
        }

        return name;
    }
}
