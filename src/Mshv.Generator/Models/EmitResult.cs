using System.Collections.Generic;
using Mshv.Abi;
using Mshv.Generator.Diagnostics;

namespace Mshv.Generator.Models;

/// <summary>Everything one emission produced: source files in a stable order, and what could not be expressed.</summary>
public sealed record EmitResult(IReadOnlyList<EmittedFile> Files, IReadOnlyList<EmitDiagnostic> Diagnostics);

/// <summary>One generated source file; <see cref="HintName"/> is unique (case-insensitively) within an emission.</summary>
public sealed record EmittedFile(string HintName, string Source);

/// <summary>
/// A problem found while emitting, with a stable id (<see cref="MshvDiagnostics"/>). <see cref="HeaderLocation"/>
/// is the header line that caused it (include-relative, as in the model), or for an unreadable model the model
/// file and line; null when no line is to blame (an option value).
/// </summary>
public sealed record EmitDiagnostic(string Id, string Message, SourceLocation? HeaderLocation)
{
    public bool IsError => MshvDiagnostics.IsError(Id);

    public override string ToString() =>
        (HeaderLocation is null ? string.Empty : HeaderLocation + ": ") + (IsError ? "error " : "warning ") + Id + ": " + Message;
}
