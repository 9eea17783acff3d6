using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Mshv.Abi;

namespace Mshv.Cli.Ioctls;

/// <summary>
/// Every ioctl request of a model as a table (name, request number, direction, type, nr, size, argument), in CSV or
/// JSON, for scripts and for seccomp allow-lists kept in other tools.
/// </summary>
internal static class IoctlTable
{
    public static string Hex(ulong value) => "0x" + value.ToString("x8", CultureInfo.InvariantCulture);

    public static string Csv(IReadOnlyList<AbiIoctl> ioctls)
    {
        var text = new StringBuilder("name,request,direction,type,nr,size,argument,location\n");
        foreach (AbiIoctl ioctl in ioctls)
        {
            text.Append(ioctl.Name).Append(',')
                .Append(Hex(ioctl.Request)).Append(',')
                .Append(AbiModelWriter.DirectionName(ioctl.Direction)).Append(',')
                .Append("0x").Append(ioctl.Type.ToString("x2", CultureInfo.InvariantCulture)).Append(',')
                .Append("0x").Append(ioctl.Number.ToString("x2", CultureInfo.InvariantCulture)).Append(',')
                .Append(ioctl.Size.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(CsvField(ioctl.ArgumentCType ?? string.Empty)).Append(',')
                .Append(CsvField(ioctl.Location.ToString())).Append('\n');
        }

        return text.ToString();
    }

    public static string Json(IReadOnlyList<AbiIoctl> ioctls, string target)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("target", target);
            json.WriteStartArray("ioctls");
            foreach (AbiIoctl ioctl in ioctls)
            {
                json.WriteStartObject();
                json.WriteString("name", ioctl.Name);
                json.WriteString("request", Hex(ioctl.Request));
                json.WriteNumber("requestValue", ioctl.Request);
                json.WriteString("direction", AbiModelWriter.DirectionName(ioctl.Direction));
                json.WriteNumber("type", ioctl.Type);
                json.WriteNumber("nr", ioctl.Number);
                json.WriteNumber("size", ioctl.Size);
                if (ioctl.ArgumentCType is null)
                {
                    json.WriteNull("argument");
                }
                else
                {
                    json.WriteString("argument", ioctl.ArgumentCType);
                }

                json.WriteString("location", ioctl.Location.ToString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string CsvField(string value) =>
        value.IndexOfAny(new[] { ',', '"', '\n' }) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
