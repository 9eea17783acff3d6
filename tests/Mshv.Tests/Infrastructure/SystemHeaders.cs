using System;
using System.IO;
using System.Linq;

namespace Mshv.Tests.Infrastructure;

/// <summary>Finds where the C compiler takes a system header from, instead of assuming a distribution's layout.</summary>
internal static class SystemHeaders
{
    public static string Locate(string include)
    {
        string dir = Directory.CreateTempSubdirectory("mshv-locate-").FullName;
        try
        {
            string file = Path.Combine(dir, "locate.c");
            File.WriteAllText(file, "#include <" + include + ">\n");
            string deps = CCompiler.Run("cc", new[] { "-M", file }, "locating <" + include + ">");
            string suffix = "/" + include;
            return deps.Split(new[] { ' ', '\n', '\\' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(Path.GetFullPath)
                .First(path => path.EndsWith(suffix, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
