using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>Which of a translation unit's files were asked for, and their include-relative names.</summary>
internal sealed unsafe class SourceFiles
{
    private readonly IncludeSearch _search;
    private readonly nint[] _listed;
    private readonly Dictionary<nint, bool> _isListed = new();
    private readonly Dictionary<nint, string> _names = new();
    private readonly Dictionary<nint, string> _paths = new();

    public SourceFiles(TranslationUnit unit, IncludeSearch search, IEnumerable<string> listedHeaders)
    {
        _search = search;
        _listed = listedHeaders.Select(unit.GetFile).Where(file => file != 0).ToArray();
    }

    public bool IsListed(nint file)
    {
        if (file == 0)
        {
            return false;
        }

        if (!_isListed.TryGetValue(file, out bool listed))
        {
            listed = _listed.Any(candidate => LibClang.clang_File_isEqual((void*)candidate, (void*)file) != 0);
            _isListed[file] = listed;
        }

        return listed;
    }

    public bool IsListed(CXCursor cursor) => IsListed(Clang.Location(cursor).File);

    public bool IsMain(nint file) => file != 0 && Clang.FileName((void*)file) == TranslationUnit.MainFileName;

    public string Name(nint file)
    {
        if (!_names.TryGetValue(file, out string? name))
        {
            name = _search.RelativeName(Clang.FileName((void*)file));
            _names[file] = name;
        }

        return name;
    }

    /// <summary>A diagnostic at the cursor's real file path (a user clicks it; it is never written into a model).</summary>
    public ScanDiagnostic Diagnostic(CXCursor cursor, string id, ScanSeverity severity, string message)
    {
        (string? file, int line) = RealLocation(cursor);
        return new ScanDiagnostic(id, severity, file, line, message);
    }

    /// <summary>The cursor's file as clang opened it (for diagnostics) and its line.</summary>
    public (string? File, int Line) RealLocation(CXCursor cursor)
    {
        (nint file, int line) = Clang.Location(cursor);
        if (file == 0)
        {
            return (null, line);
        }

        // One string per file, not one per declaration: a scan asks this for every macro.
        if (!_paths.TryGetValue(file, out string? path))
        {
            path = Clang.FileName((void*)file);
            _paths[file] = path;
        }

        return (path, line);
    }

    public SourceLocation Locate(CXCursor cursor)
    {
        (nint file, int line) = Clang.Location(cursor);
        return new SourceLocation(Name(file), line);
    }
}
