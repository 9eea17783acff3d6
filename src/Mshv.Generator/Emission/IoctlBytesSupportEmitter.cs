using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// The byte-buffer descriptors of function-like requests (<c>IoctlBytes</c>, <c>IoctlBytesWrite</c>), written beside the
/// other support types for compilations without Mshv.Bindings; the same shape as the public ones there.
/// </summary>
internal static class IoctlBytesSupportEmitter
{
    public static void Write(IndentedWriter writer)
    {
        Write(writer, "IoctlBytes", "A request whose size field is the length of a byte buffer the driver fills or updates (<c>EVIOCGNAME(len)</c>).");
        writer.Line();
        Write(writer, "IoctlBytesWrite", "A request whose size field is the length of a byte buffer the driver reads.");
    }

    private static void Write(IndentedWriter writer, string name, string summary)
    {
        writer.Summary(summary);
        writer.Open("internal readonly struct " + name + "(string name, uint baseRequest, uint lengthStep, int maxLength)");
        writer.Summary("The macro's name, for messages.");
        writer.Line("public string Name { get; } = name;");
        writer.Line();
        writer.Summary("The longest buffer the size field can describe.");
        writer.Line("public int MaxLength { get; } = maxLength;");
        writer.Line();
        writer.Summary("The request number for a buffer of <paramref name=\"length\"/> bytes, as the C macro computes it.");
        writer.Open("public uint RequestFor(int length)");
        writer.Line("System.ArgumentOutOfRangeException.ThrowIfNegative(length);");
        writer.Line("System.ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxLength);");
        writer.Line("return unchecked(baseRequest + (lengthStep * (uint)length));");
        writer.Close();
        writer.Close();
    }
}
