using System.Collections.Generic;
using System.Linq;

namespace Mshv.Scanner;

/// <summary>The clang command line both translation units are parsed with.</summary>
internal static class ClangArguments
{
    public static List<string> For(ScanOptions options, IncludeSearch search)
    {
        var arguments = new List<string> { "-x", "c", "-std=gnu11", "-target", options.Target, "-ferror-limit=0" };
        foreach (string directory in search.UserDirectories)
        {
            arguments.Add("-I" + directory);
        }

        if (search.BuiltinDirectory is not null)
        {
            arguments.Add("-isystem");
            arguments.Add(search.BuiltinDirectory);
        }

        // A cross toolchain's folder (/usr/aarch64-linux-gnu/include) is not one clang's driver searches for every
        // installation; name it before the default /usr/include, so #include inside the headers finds what the lookup
        // found and the target's C library headers, not the build machine's.
        foreach (string directory in search.CrossDirectories)
        {
            arguments.Add("-isystem");
            arguments.Add(directory);
        }

        arguments.AddRange(options.Defines.Select(define => "-D" + define));
        foreach (string prelude in options.PreludeIncludes)
        {
            arguments.Add("-include");
            arguments.Add(prelude);
        }

        return arguments;
    }

    /// <summary>A define is <c>NAME</c> or <c>NAME=VALUE</c> with NAME a C identifier.</summary>
    public static bool IsValidDefine(string define)
    {
        int equals = define.IndexOf('=');
        return DeclarationIndex.IsIdentifier(equals < 0 ? define : define.Substring(0, equals));
    }
}
