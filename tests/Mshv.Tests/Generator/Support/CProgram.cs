using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Generator.Support;

/// <summary>
/// Compiles and runs a C program with the system C compiler: the oracle for every layout number and
/// every expected value in these tests.
/// </summary>
internal static class CProgram
{
    /// <summary>Helpers every probe may use: measure a member by setting it to all ones in a zeroed object.</summary>
    public const string Prelude = """
        #include <stdio.h>
        #include <string.h>
        #include <stddef.h>
        #include <stdint.h>
        #include <stdbool.h>
        static long long first_bit__(const void *p, size_t n) { const unsigned char *b = p; for (size_t i = 0; i < n * 8; i++) if ((b[i / 8] >> (i % 8)) & 1) return (long long)i; return -1; }
        static long long count_bits__(const void *p, size_t n) { const unsigned char *b = p; long long c = 0; for (size_t i = 0; i < n * 8; i++) c += (b[i / 8] >> (i % 8)) & 1; return c; }
        #define BITOFF(T, m) ({ T v__; memset(&v__, 0, sizeof v__); v__.m = -1; first_bit__(&v__, sizeof v__); })
        #define BITWIDTH(T, m) ({ T v__; memset(&v__, 0, sizeof v__); v__.m = -1; count_bits__(&v__, sizeof v__); })
        #define PRIM(x) _Generic((x), _Bool: "bool", signed char: "i8", unsigned char: "u8", short: "i16", unsigned short: "u16", int: "i32", unsigned int: "u32", long: "i64", unsigned long: "u64", long long: "i64", unsigned long long: "u64")
        #define P(x) printf("%lld\n", (long long)(x))
        #define PB(v) for (size_t i__ = 0; i__ < sizeof(v); i__++) P(((const unsigned char *)&(v))[i__])

        """;

    /// <summary>Compiles <paramref name="source"/> (after <see cref="Prelude"/>) and returns its output lines.</summary>
    public static IReadOnlyList<string> Run(string source, params string[] includeDirectories) =>
        CCompiler.CompileAndRun(Prelude + source, includeDirectories.SelectMany(i => new[] { "-I", i }))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
