using Mshv.Abi;
using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// Makes a record that ends in a counted flexible array implement <c>Mshv.Ioctls.IFlexibleArrayRecord</c>, so the
/// runtime's owned buffer can keep the count field within the capacity it owns (see <see cref="FlexibleArrayShape"/>).
/// </summary>
internal static class FlexibleArrayRecordWriter
{
    public static void Write(
        IndentedWriter writer, AbiRecord record, string typeName, string element, AbiField array, long arrayBitOffset, AbiField count, string countName,
        Models.EmitOptions options)
    {
        string countType = TypeMapper.Primitive(count.Type.Primitive) ?? "ulong";
        string contract = IoctlSupportEmitter.Qualified(options, "IFlexibleArrayRecord") + "<" + typeName + ", " + element + ">";
        writer.Line();
        writer.Summary("<c>" + CSharpNames.Xml(record.CKeyword + " " + record.Name) + "</c> ends in the flexible array <c>" + array.Name
            + "</c>, counted by <c>" + count.Name + "</c>: requests on it take an owned <c>FlexibleArrayBuffer</c>, never a bare struct.");
        writer.Open("public partial struct " + typeName + " : " + contract);
        writer.Line("static int " + contract + ".ElementsOffset => " + RecordEmitter.Num(arrayBitOffset / 8) + ";");
        writer.Line();
        writer.Line("static int " + contract + ".Alignment => " + RecordEmitter.Num(record.Alignment) + ";");
        writer.Line();
        writer.Line("static string " + contract + ".CountField => \"" + count.Name + "\";");
        writer.Line();
        writer.Line("static ulong " + contract + ".MaxCount => (ulong)" + countType + ".MaxValue;");
        writer.Line();
        writer.Line("static ulong " + contract + ".GetCount(in " + typeName + " record) => (ulong)record." + countName + ";");
        writer.Line();
        writer.Line("static void " + contract + ".SetCount(ref " + typeName + " record, ulong count) => record." + countName + " = (" + countType + ")count;");
        writer.Close();
    }
}
