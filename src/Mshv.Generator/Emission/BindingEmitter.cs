using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Mshv.Abi;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Helpers;
using Mshv.Generator.Models;
using Mshv.Generator.Selection;

namespace Mshv.Generator.Emission;

/// <summary>
/// Turns an ABI model into C# source. Pure: no Roslyn, no file system, no clock; the same model and options
/// always give the same files in the same order. The generator and the CLI both call it.
/// </summary>
public static class BindingEmitter
{
    /// <summary>Everything for one model: its types, the <c>FixedArrayN</c> types it needs, and optionally the ioctl support types.</summary>
    public static EmitResult Emit(AbiModel model, EmitOptions options) => Emit(model, options, CancellationToken.None);

    /// <inheritdoc cref="Emit(AbiModel, EmitOptions)"/>
    public static EmitResult Emit(AbiModel model, EmitOptions options, CancellationToken cancellationToken)
    {
        ModelEmission emission = EmitModel(model, options, null, cancellationToken);
        var files = new List<EmittedFile>(emission.Files);
        if (emission.Files.Count > 0)
        {
            if (emission.ArrayLengths.Count > 0)
            {
                files.Add(new EmittedFile(FixedArrayEmitter.HintName(options.Namespace), FixedArrayEmitter.Emit(options.Namespace, emission.ArrayLengths)));
            }

            if (emission.ComplexKinds.Count > 0)
            {
                files.Add(new EmittedFile(ComplexEmitter.HintName(options.Namespace), ComplexEmitter.Emit(options.Namespace, emission.ComplexKinds)));
            }

            if (options.EmitIoctlSupportTypes)
            {
                files.Add(new EmittedFile(IoctlSupportEmitter.HintName(options.Namespace), IoctlSupportEmitter.Emit(options.Namespace)));
            }
        }

        return new EmitResult(files, emission.Diagnostics.ToArray());
    }

    /// <summary>
    /// The file to write where <paramref name="existingSource"/> is already on disk under the same name: shared
    /// inline-array types are merged (the lengths of both), every other file is simply replaced.
    /// </summary>
    public static EmittedFile MergeWithExisting(EmittedFile emitted, string existingSource, string ns) =>
        emitted.HintName == ComplexEmitter.HintName(ns) ? ComplexEmitter.Merge(emitted, existingSource, ns)
        : FixedArrayEmitter.Merge(emitted, existingSource);

    /// <summary>
    /// Whether <paramref name="file"/> is one every model of namespace <paramref name="ns"/> shares (the inline-array,
    /// complex and ioctl support types) rather than one of the model's own: <c>mshv generate --shared-out</c> writes
    /// those to one folder, so outputs of one namespace in several folders compile together.
    /// </summary>
    public static bool IsSharedByNamespace(EmittedFile file, string ns) =>
        file.HintName == FixedArrayEmitter.HintName(ns) || file.HintName == ComplexEmitter.HintName(ns)
        || file.HintName == IoctlSupportEmitter.HintName(ns);

    /// <summary>Reads the model text first; a model that is not canonical gives <c>MSHV0001</c> at its file and line, and no files.</summary>
    public static EmitResult EmitText(string text, string modelPath, EmitOptions options)
    {
        AbiModel model;
        try
        {
            model = AbiModelReader.Read(text, modelPath);
        }
        catch (AbiFormatException error)
        {
            return new EmitResult(Array.Empty<EmittedFile>(), new[] { Unreadable(error) });
        }

        return Emit(model, options);
    }

    /// <summary>
    /// The name of a model's one file: <c>{Prefix}.Bindings.g.cs</c>. The shared files are <c>{Namespace}.FixedArrays.g.cs</c>
    /// and the like: a one-word suffix after the prefix (an identifier, no dot) cannot be one of theirs.
    /// </summary>
    public static string HintName(string classPrefix) => CSharpNames.HintName(classPrefix) + ".Bindings.g.cs";

    /// <summary>The class prefix a model gets when none is given: its file name without extension, PascalCased (<c>kvm</c> → <c>Kvm</c>).</summary>
    public static string DefaultClassPrefix(string modelName) => CSharpNames.PascalCase(modelName);

    internal static EmitDiagnostic Unreadable(AbiFormatException error) =>
        new(MshvDiagnostics.ModelUnreadable, error.Reason, new SourceLocation(error.File, error.Line));

    /// <summary>
    /// The model's own files (records, enums, constants, ioctls) without the shared types.
    /// <paramref name="takenTypeNames"/> are declared in the namespace by other models of the compilation: a record
    /// or enum of this model wanting one is renamed with <c>_</c> and reported (MSHV0004) instead of CS0101.
    /// </summary>
    internal static ModelEmission EmitModel(AbiModel model, EmitOptions options, IEnumerable<string>? takenTypeNames = null, CancellationToken cancellationToken = default)
    {
        EmitDiagnostic? invalid = ValidateOptions(options);
        if (invalid is not null)
        {
            return new ModelEmission(string.Empty, options.Namespace, EquatableArray<EmittedFile>.Empty, new[] { invalid }.ToEquatableArray(), EquatableArray<long>.Empty);
        }

        // Shipped directives first: the user's (later) lines for the same name win.
        options = options with { Directives = ShippedOverrides.For(model).Concat(options.Directives).ToEquatableArray() };
        var kindProblems = new List<EmitDiagnostic>();
        model = FdKinds.Apply(model, options.Directives, kindProblems);
        var context = new EmissionContext(model, options, takenTypeNames);
        foreach (EmitDiagnostic problem in kindProblems)
        {
            context.Report(problem.Id, problem.Message, problem.HeaderLocation);
        }

        // One file per model: every record, enum and class of it shares one opening, and Roslyn parses one tree instead of
        // one per record (kvm: 199 files).
        bool bindingsTypes = !options.EmitIoctlSupportTypes && (model.Ioctls.Count > 0 || model.RequestBuilders.Count > 0);
        IndentedWriter writer = bindingsTypes
            ? SourceFile.Begin(options.Namespace, "System", "System.Runtime.InteropServices", IoctlSupportEmitter.BindingsNamespace)
            : SourceFile.Begin(options.Namespace, "System", "System.Runtime.InteropServices");
        int start = writer.Length;
        List<AbiRecord> records = context.EmittedRecords.OrderBy(r => context.RecordName(r.Name), StringComparer.Ordinal).ToList();
        List<AbiEnum> enums = context.EmittedEnums.OrderBy(e => context.EnumName(e.Name), StringComparer.Ordinal).ToList();
        SourceFile.AllowLowerCaseNames(writer, records.Select(r => context.RecordName(r.Name)).Concat(enums.Select(e => context.EnumName(e.Name))));
        void Next()
        {
            if (writer.Length > start)
            {
                writer.Line();
            }
        }

        foreach (AbiRecord record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (record.Size == 0)
            {
                // Nothing can name an unnamed empty struct but its member, which occupies no bytes and is left out too.
                if (record.Name.IndexOf('.') >= 0)
                {
                    continue;
                }

                context.Report(MshvDiagnostics.InexactType, record.CKeyword + " " + record.Name + " is empty (size 0, a GNU C extension); a C# struct is at least 1 byte, so it is not emitted", record.Location);
                continue;
            }

            Next();
            RecordEmitter.Emit(writer, record, context);
        }

        foreach (AbiEnum e in enums)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Next();
            EnumEmitter.Emit(writer, e, context);
        }

        cancellationToken.ThrowIfCancellationRequested();
        Next();
        ConstantsEmitter.Emit(writer, context);
        Next();
        TargetEmitter.Emit(writer, context);
        if (model.Ioctls.Count > 0)
        {
            Next();
            IoctlEmitter.Emit(writer, context);
            if (context.FdKindsClass.Length > 0)
            {
                Next();
                FdKinds.Emit(writer, context);
            }
        }

        if (model.RequestBuilders.Count > 0)
        {
            Next();
            RequestBuilderEmitter.Emit(writer, context);
        }

        var files = new[] { new EmittedFile(HintName(options.ClassPrefix), writer.ToString()) };
        return new ModelEmission(string.Empty, options.Namespace, files.ToEquatableArray(), context.Diagnostics.ToEquatableArray(), context.ArrayLengths.ToEquatableArray())
        {
            ComplexKinds = context.ComplexKinds.ToEquatableArray(),
        };
    }

    private static EmitDiagnostic? ValidateOptions(EmitOptions options)
    {
        if (!CSharpNames.IsNamespace(options.Namespace))
        {
            return new EmitDiagnostic(MshvDiagnostics.InvalidOption, "MshvNamespace '" + options.Namespace + "' is not a C# namespace (dotted identifiers such as Mshv.Interop); nothing was generated", null);
        }

        if (!CSharpNames.IsIdentifier(options.ClassPrefix))
        {
            return new EmitDiagnostic(MshvDiagnostics.InvalidOption, "MshvClassPrefix '" + options.ClassPrefix + "' is not a C# identifier (it starts the names of the constants and ioctls classes); nothing was generated", null);
        }

        return null;
    }
}
