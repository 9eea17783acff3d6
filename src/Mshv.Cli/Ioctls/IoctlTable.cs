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
/// JSON, for scripts and for seccomp allow-lists kept in other tools. Request builders (<c>EVIOCGNAME(len)</c>) follow,
/// with their base encoding (every argument 0), the request as a linear form of the arguments, and the bits the
/// arguments move (<see cref="RequestBuilderFamily"/>).
/// </summary>
internal static class IoctlTable
{
    public static string Hex(ulong value) => "0x" + value.ToString("x8", CultureInfo.InvariantCulture);

    public static string Csv(IReadOnlyList<AbiIoctl> ioctls, IReadOnlyList<AbiRequestBuilder> builders)
    {
        var text = new StringBuilder("name,request,direction,type,nr,size,argument,location,form,variable_bits\n");
        foreach (AbiIoctl ioctl in ioctls)
        {
            text.Append(ioctl.Name).Append(',')
                .Append(Hex(ioctl.Request)).Append(',')
                .Append(AbiModelWriter.DirectionName(ioctl.Direction)).Append(',')
                .Append("0x").Append(ioctl.Type.ToString("x2", CultureInfo.InvariantCulture)).Append(',')
                .Append("0x").Append(ioctl.Number.ToString("x2", CultureInfo.InvariantCulture)).Append(',')
                .Append(ioctl.Size.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(CsvField(ioctl.ArgumentCType ?? string.Empty)).Append(',')
                .Append(CsvField(ioctl.Location.ToString())).Append(",,\n");
        }

        foreach (AbiRequestBuilder builder in builders)
        {
            text.Append(CsvField(Signature(builder))).Append(',')
                .Append(Hex(RequestBuilderFamily.BaseRequest(builder))).Append(',')
                .Append(AbiModelWriter.DirectionName(builder.Direction)).Append(',')
                .Append("0x").Append(builder.Type.ToString("x2", CultureInfo.InvariantCulture)).Append(',')
                .Append(builder.Number.Format(builder.Parameters)).Append(',')
                .Append(builder.Size.Format(builder.Parameters)).Append(',')
                .Append(CsvField(builder.ArgumentCType ?? string.Empty)).Append(',')
                .Append(CsvField(builder.Location.ToString())).Append(',')
                .Append(builder.Request.Format(builder.Parameters)).Append(',')
                .Append(RequestBuilderFamily.VariableBits(builder) is uint bits ? Hex(bits) : string.Empty).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The builder as C calls it: <c>EVIOCGBIT(ev,len)</c>.</summary>
    public static string Signature(AbiRequestBuilder builder) => builder.Name + "(" + string.Join(",", builder.Parameters) + ")";

    public static string Json(IReadOnlyList<AbiIoctl> ioctls, IReadOnlyList<AbiRequestBuilder> builders, string target)
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
            json.WriteStartArray("requestBuilders");
            foreach (AbiRequestBuilder builder in builders)
            {
                WriteBuilder(json, builder);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteBuilder(Utf8JsonWriter json, AbiRequestBuilder builder)
    {
        json.WriteStartObject();
        json.WriteString("name", builder.Name);
        json.WriteStartArray("parameters");
        foreach (string parameter in builder.Parameters)
        {
            json.WriteStringValue(parameter);
        }

        json.WriteEndArray();
        json.WriteString("baseRequest", Hex(RequestBuilderFamily.BaseRequest(builder)));
        json.WriteNumber("baseRequestValue", RequestBuilderFamily.BaseRequest(builder));
        json.WriteString("request", builder.Request.Format(builder.Parameters));
        json.WriteString("direction", AbiModelWriter.DirectionName(builder.Direction));
        json.WriteNumber("type", builder.Type);
        json.WriteString("nr", builder.Number.Format(builder.Parameters));
        json.WriteString("size", builder.Size.Format(builder.Parameters));
        if (RequestBuilderFamily.VariableBits(builder) is uint bits)
        {
            json.WriteString("variableBits", Hex(bits));
        }
        else
        {
            json.WriteNull("variableBits");
        }

        if (builder.ArgumentCType is null)
        {
            json.WriteNull("argument");
        }
        else
        {
            json.WriteString("argument", builder.ArgumentCType);
        }

        json.WriteString("location", builder.Location.ToString());
        json.WriteEndObject();
    }

    private static string CsvField(string value) =>
        value.IndexOfAny(new[] { ',', '"', '\n' }) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
