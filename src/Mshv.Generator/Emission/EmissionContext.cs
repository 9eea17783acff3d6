using System;
using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Helpers;
using Mshv.Generator.Models;

namespace Mshv.Generator.Emission;

/// <summary>
/// What every part of one model's emission shares: look-ups into the model, the C# name given to each
/// record and enum, the inline-array lengths used, and the diagnostics found so far.
/// </summary>
internal sealed class EmissionContext
{
    private readonly Dictionary<string, AbiRecord> _records;
    private readonly Dictionary<string, AbiEnum> _enums;
    private readonly Dictionary<string, string> _typeNames = new(StringComparer.Ordinal);
    private readonly List<EmitDiagnostic> _diagnostics = new();
    private readonly SortedSet<long> _arrayLengths = new();
    private readonly SortedSet<string> _complexKinds = new(StringComparer.Ordinal);

    public EmissionContext(AbiModel model, EmitOptions options, IEnumerable<string>? takenTypeNames = null)
    {
        Model = model;
        Options = options;
        _records = model.Records.GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _enums = model.Enums.GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        NameTypes(takenTypeNames ?? Enumerable.Empty<string>());
    }

    /// <summary>The C# type names a model wants for its records and enums (before any renaming), as other models see them.</summary>
    public static IEnumerable<string> WantedTypeNames(AbiModel model) =>
        model.Records.Where(r => !r.IsAnonymous && r.Size > 0).Select(r => CSharpNames.RecordTypeName(r.Name))
            .Concat(model.Enums.Where(e => !e.IsAnonymous).Select(e => CSharpNames.Escape(e.Name)));

    public AbiModel Model { get; }

    public EmitOptions Options { get; }

    public string ConstantsClass { get; private set; } = string.Empty;

    public string IoctlsClass { get; private set; } = string.Empty;

    /// <summary><c>{Prefix}Target</c>: the model's target and the process architecture check (<see cref="TargetEmitter"/>).</summary>
    public string TargetClass { get; private set; } = string.Empty;

    /// <summary>The class of fd kind markers (<c>{Prefix}FdKinds</c>); emitted only when a request has kinds.</summary>
    public string FdKindsClass { get; private set; } = string.Empty;

    public IReadOnlyList<EmitDiagnostic> Diagnostics => _diagnostics;

    public IReadOnlyCollection<long> ArrayLengths => _arrayLengths;

    /// <summary>The <c>_Complex</c> primitives the model's emitted members use (their structs are shared per namespace).</summary>
    public IReadOnlyCollection<string> ComplexKinds => _complexKinds;

    /// <summary>Records that become C# structs: every named one; anonymous members are folded into their parent.</summary>
    public IEnumerable<AbiRecord> EmittedRecords => Model.Records.Where(r => !r.IsAnonymous && _typeNames.ContainsKey(RecordKey(r.Name)));

    /// <summary>Enums that become C# enums; the constants of anonymous enums go into the constants class.</summary>
    public IEnumerable<AbiEnum> EmittedEnums => Model.Enums.Where(e => !e.IsAnonymous && _typeNames.ContainsKey(EnumKey(e.Name)));

    public bool TryGetRecord(string name, out AbiRecord record) => _records.TryGetValue(name, out record!);

    public bool TryGetEnum(string name, out AbiEnum e) => _enums.TryGetValue(name, out e!);

    public string RecordName(string modelName) => _typeNames[RecordKey(modelName)];

    public string EnumName(string modelName) => _typeNames[EnumKey(modelName)];

    public void UseArrayLength(long length) => _arrayLengths.Add(length);

    public void UseComplex(string primitive) => _complexKinds.Add(primitive);

    /// <summary>Records emitted as <c>IFlexibleArrayRecord</c> (model name → C# element type), for their requests' descriptors.</summary>
    public Dictionary<string, string> FlexibleArrayElements { get; } = new(StringComparer.Ordinal);

    public void Report(string id, string message, SourceLocation? location) => _diagnostics.Add(new EmitDiagnostic(id, message, location));

    private static string RecordKey(string name) => "record " + name;

    private static string EnumKey(string name) => "enum " + name;

    /// <summary>
    /// Gives each record, enum and class its C# name once: real C tags first, then the names synthesized for
    /// unnamed member types (<c>a.b</c> → <c>a__b</c>), then the classes, each group in model order. A real
    /// tag keeps its C spelling even when a synthesized name would have taken it (C allows <c>struct a__b</c>
    /// beside the member type <c>a.b</c>); only the synthesized one gets the suffix, the same way every time.
    /// </summary>
    private void NameTypes(IEnumerable<string> takenTypeNames)
    {
        var scope = new NameScope();
        foreach (string taken in takenTypeNames.Concat(FrameworkTypeNames))
        {
            scope.Reserve(taken);
        }

        // The shared inline arrays are declared in the namespace too (FixedArray2<T>…): a C tag of that spelling is renamed.
        foreach (string name in Model.Records.Select(r => CSharpNames.RecordTypeName(r.Name)).Where(IsFixedArrayName))
        {
            scope.Reserve(name);
        }

        List<AbiRecord> named = Model.Records.Where(r => !r.IsAnonymous).ToList();
        foreach (AbiRecord record in named.Where(r => !IsSynthesized(r)))
        {
            _typeNames[RecordKey(record.Name)] = Claim(scope, CSharpNames.RecordTypeName(record.Name), record.CKeyword + " " + record.Name, record.Location);
        }

        foreach (AbiEnum e in Model.Enums.Where(e => !e.IsAnonymous))
        {
            _typeNames[EnumKey(e.Name)] = Claim(scope, CSharpNames.Escape(e.Name), "enum " + e.Name, e.Location);
        }

        foreach (AbiRecord record in named.Where(IsSynthesized))
        {
            _typeNames[RecordKey(record.Name)] = Claim(scope, CSharpNames.RecordTypeName(record.Name), record.CKeyword + " " + record.Name, record.Location);
        }

        ConstantsClass = Claim(scope, Options.ClassPrefix + "Constants", "the constants class", null);
        IoctlsClass = Claim(scope, Options.ClassPrefix + "Ioctls", "the ioctls class", null);
        TargetClass = Claim(scope, Options.ClassPrefix + "Target", "the target class", null);
        FdKindsClass = Model.Ioctls.Any(i => i.Kinds.Count > 0) ? Claim(scope, Options.ClassPrefix + "FdKinds", "the fd kinds class", null) : string.Empty;
    }

    /// <summary>
    /// Names the emitted code uses without qualification (from its <c>using</c> directives, or declared beside the bindings):
    /// a C tag of one of these spellings in the bindings' namespace would shadow it, and either break the code (<c>struct
    /// LayoutKind</c>) or silently change a layout (<c>struct Int128</c> would retype every <c>__int128</c> member). Such a
    /// tag is renamed and reported (MSHV0004) instead.
    /// </summary>
    private static readonly string[] FrameworkTypeNames =
    {
        "System", "Mshv", "Array", "Architecture", "ArgumentException", "ArgumentOutOfRangeException", "Complex", "FieldOffset",
        "FieldOffsetAttribute", "InlineArray", "InlineArrayAttribute", "Int128", "UInt128", "LayoutKind", "Math", "MemoryMarshal",
        "OverflowException", "PlatformNotSupportedException", "ReadOnlySpan", "RuntimeInformation", "Span", "StructLayout",
        "StructLayoutAttribute", "UnscopedRef", "UnscopedRefAttribute", "Unsafe",
        "IoctlNone", "IoctlRead", "IoctlWrite", "IoctlReadWrite", "IoctlFlexible", "IoctlBytes", "IoctlBytesWrite", "IAcceptedOn",
        "IFlexibleArrayRecord", "ComplexFloat", "ComplexDouble", "ComplexLongDouble",
    };

    private static bool IsFixedArrayName(string name) =>
        name.Length > "FixedArray".Length && name.StartsWith("FixedArray", System.StringComparison.Ordinal)
        && name.Substring("FixedArray".Length).All(c => c is >= '0' and <= '9');

    /// <summary>An unnamed record that types a named member: the model calls it <c>parent.member</c>, C has no tag for it.</summary>
    private static bool IsSynthesized(AbiRecord record) => record.Name.IndexOf('.') >= 0;

    private string Claim(NameScope scope, string wanted, string what, SourceLocation? location)
    {
        string name = scope.Claim(wanted, out bool renamed);
        if (renamed)
        {
            Report(MshvDiagnostics.NameCollision, "The C# name '" + wanted + "' of " + what + " is already used in namespace " + Options.Namespace + "; it is emitted as '" + name + "'", location);
        }

        return name;
    }
}
