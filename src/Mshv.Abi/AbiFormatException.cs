using System;

namespace Mshv.Abi;

/// <summary>A model file that is not in the canonical form, located by its file and 1-based line.</summary>
public sealed class AbiFormatException : Exception
{
    public AbiFormatException(string file, int line, string reason)
        : base(file + ":" + line + ": " + reason)
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    public string File { get; }

    public int Line { get; }

    public string Reason { get; }
}
