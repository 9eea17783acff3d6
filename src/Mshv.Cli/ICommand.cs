using System.Collections.Generic;
using System.IO;

namespace Mshv.Cli;

/// <summary>A verb of the <c>mshv</c> tool. Add a verb by adding one class in Commands/ and listing it in Program.</summary>
internal interface ICommand
{
    string Name { get; }

    string Summary { get; }

    string Usage { get; }

    /// <summary>Runs the verb; returns the exit code. Throws <see cref="UsageException"/> for bad arguments.</summary>
    int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error);
}

internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>
    /// Bound with warnings: the model (and code) was written, but a member the model cannot represent was kept as
    /// opaque bytes or its record left out (MSHVS007). Not a failure; <c>--strict</c> makes it one.
    /// </summary>
    public const int BoundWithWarnings = 3;
}
