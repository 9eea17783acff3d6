using System;
using System.Collections.Generic;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>One parse by libclang of a synthesized main file (kept in memory, never written to disk).</summary>
internal sealed unsafe class TranslationUnit : IDisposable
{
    /// <summary>The main file's name; it does not exist on disk.</summary>
    public const string MainFileName = "/mshv-scan/main.c";

    private void* _index;
    private void* _unit;

    private TranslationUnit(void* index, void* unit)
    {
        _index = index;
        _unit = unit;
    }

    public void* Handle => _unit;

    public CXCursor Cursor => LibClang.clang_getTranslationUnitCursor(_unit);

    /// <summary>
    /// Parses <paramref name="contents"/> as the main file; returns null with clang's error code when nothing was parsed.
    /// Without <paramref name="macros"/> clang keeps no record of macro definitions and expansions (a unit that only
    /// declares probes reads none, and parses faster without).
    /// </summary>
    public static TranslationUnit? Parse(string contents, IReadOnlyList<string> arguments, out int errorCode, bool macros = true)
    {
        void* index = LibClang.clang_createIndex(0, 0);
        byte* fileName = Clang.AllocUtf8(MainFileName);
        byte* source = Clang.AllocUtf8(contents);
        var args = new byte*[arguments.Count];
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                args[i] = Clang.AllocUtf8(arguments[i]);
            }

            var unsaved = new CXUnsavedFile { Filename = fileName, Contents = source, Length = (nuint)System.Text.Encoding.UTF8.GetByteCount(contents) };
            void* unit;
            fixed (byte** argv = args)
            {
                errorCode = LibClang.clang_parseTranslationUnit2(
                    index, fileName, argv, args.Length, &unsaved, 1,
                    (macros ? LibClang.DetailedPreprocessingRecord : 0) | LibClang.SkipFunctionBodies | LibClang.KeepGoing, &unit);
            }

            if (errorCode != 0 || unit is null)
            {
                LibClang.clang_disposeIndex(index);
                return null;
            }

            return new TranslationUnit(index, unit);
        }
        finally
        {
            foreach (byte* arg in args)
            {
                System.Runtime.InteropServices.NativeMemory.Free(arg);
            }

            System.Runtime.InteropServices.NativeMemory.Free(fileName);
            System.Runtime.InteropServices.NativeMemory.Free(source);
        }
    }

    /// <summary>clang's errors and fatal errors, each at the line where macro expansion put it.</summary>
    public List<(string File, int Line, string Message)> Errors()
    {
        var errors = new List<(string, int, string)>();
        uint count = LibClang.clang_getNumDiagnostics(_unit);
        for (uint i = 0; i < count; i++)
        {
            void* diagnostic = LibClang.clang_getDiagnostic(_unit, i);
            try
            {
                if (LibClang.clang_getDiagnosticSeverity(diagnostic) < CXDiagnosticSeverity.Error)
                {
                    continue;
                }

                (nint file, int line) = Clang.ExpansionLocation(LibClang.clang_getDiagnosticLocation(diagnostic));
                errors.Add((Clang.FileName((void*)file), line, Clang.ToManaged(LibClang.clang_getDiagnosticSpelling(diagnostic))));
            }
            finally
            {
                LibClang.clang_disposeDiagnostic(diagnostic);
            }
        }

        return errors;
    }

    /// <summary>The full paths of every header clang read for this unit (not the synthesized main file), sorted.</summary>
    public List<string> ReadFiles()
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string file in Clang.Inclusions(_unit))
        {
            if (file.Length > 0 && file != MainFileName)
            {
                files.Add(System.IO.Path.GetFullPath(file));
            }
        }

        return new List<string>(files);
    }

    /// <summary>The cursor clang finds at <paramref name="line"/>:<paramref name="column"/> of <paramref name="file"/>.</summary>
    public CXCursor CursorAt(nint file, int line, int column) =>
        LibClang.clang_getCursor(_unit, LibClang.clang_getLocation(_unit, (void*)file, (uint)line, (uint)column));

    public nint GetFile(string path)
    {
        byte* name = Clang.AllocUtf8(path);
        try
        {
            return (nint)LibClang.clang_getFile(_unit, name);
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free(name);
        }
    }

    /// <summary>clang's copy of a file the unit read (valid while the unit lives), or nothing when it read no such file.</summary>
    public ReadOnlySpan<byte> Contents(string path)
    {
        nint file = GetFile(path);
        nuint size = 0;
        byte* bytes = file == 0 ? null : LibClang.clang_getFileContents(_unit, (void*)file, &size);
        return bytes is null ? ReadOnlySpan<byte>.Empty : new ReadOnlySpan<byte>(bytes, checked((int)size));
    }

    public void Dispose()
    {
        if (_unit is not null)
        {
            LibClang.clang_disposeTranslationUnit(_unit);
            _unit = null;
        }

        if (_index is not null)
        {
            LibClang.clang_disposeIndex(_index);
            _index = null;
        }
    }
}
