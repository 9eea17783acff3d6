using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Scanner;

/// <summary>An ioctl request as cc computes and decodes it with the headers' own <c>_IOC_*</c> macros.</summary>
internal sealed record CompiledIoctl(ulong Request, ulong Direction, ulong Type, ulong Number, ulong Size);

/// <summary>
/// Asks cc for ioctl requests and their fields, so tests never hand-write a request number or a bit layout.
/// </summary>
internal static class IoctlOracle
{
    /// <summary>Each name's request and its <c>_IOC_DIR/_IOC_TYPE/_IOC_NR/_IOC_SIZE</c>, compiled with <paramref name="arguments"/>.</summary>
    public static Dictionary<string, CompiledIoctl> Decode(string header, IEnumerable<string> names, IEnumerable<string> arguments)
    {
        var program = new StringBuilder("#include <stdio.h>\n#include \"" + header + "\"\nint main(void) {\n");
        foreach (string name in names)
        {
            program.Append("  printf(\"%s %llu %llu %llu %llu %llu\\n\", \"").Append(name).Append("\", (unsigned long long)(").Append(name)
                .Append("), (unsigned long long)_IOC_DIR(").Append(name).Append("), (unsigned long long)_IOC_TYPE(").Append(name)
                .Append("), (unsigned long long)_IOC_NR(").Append(name).Append("), (unsigned long long)_IOC_SIZE(").Append(name).Append("));\n");
        }

        program.Append("  return 0;\n}\n");
        return CCompiler.CompileAndRun(program.ToString(), arguments)
            .Split('\n', System.StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(
                parts => parts[0],
                parts => new CompiledIoctl(Number(parts[1]), Number(parts[2]), Number(parts[3]), Number(parts[4]), Number(parts[5])));
    }

    /// <summary>The integer value of each C expression, as cc computes it.</summary>
    public static ulong[] Values(string header, IEnumerable<string> expressions, IEnumerable<string> arguments)
    {
        var program = new StringBuilder("#include <stdio.h>\n#include \"" + header + "\"\nint main(void) {\n");
        foreach (string expression in expressions)
        {
            program.Append("  printf(\"%llu\\n\", (unsigned long long)(").Append(expression).Append("));\n");
        }

        program.Append("  return 0;\n}\n");
        return CCompiler.CompileAndRun(program.ToString(), arguments).Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(Number).ToArray();
    }

    private static ulong Number(string text) => ulong.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
