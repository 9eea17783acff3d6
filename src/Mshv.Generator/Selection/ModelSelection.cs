using System;
using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Generator.Selection;

/// <summary>
/// Narrows a model to the selected names and what they need: records used by kept records' members (transitively,
/// including unnamed and anonymous member records), records of selected ioctls' and request builders' arguments,
/// enums used by kept members, and each selected ioctl's request macro. Pure; nothing here reads a file.
/// </summary>
public static class ModelSelection
{
    /// <summary>Every name a selection may use for this model.</summary>
    public static IEnumerable<string> SelectableNames(AbiModel model) =>
        model.Records.Where(r => !r.IsAnonymous && r.Name.IndexOf('.') < 0).Select(r => r.Name)
            .Concat(model.Enums.Where(e => !e.IsAnonymous).Select(e => e.Name))
            .Concat(model.Enums.Where(e => e.IsAnonymous).SelectMany(e => e.Constants).Select(c => c.Name))
            .Concat(model.Typedefs.Select(t => t.Name))
            .Concat(model.Macros.Select(m => m.Name))
            .Concat(model.Ioctls.Select(i => i.Name))
            .Concat(model.RequestBuilders.Select(b => b.Name));

    public static AbiModel Apply(AbiModel model, ICollection<string> selected)
    {
        var records = model.Records.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var keptRecords = new HashSet<string>(StringComparer.Ordinal);
        var keptEnums = new HashSet<string>(model.Enums.Where(e => selected.Contains(e.Name) || e.Constants.Any(c => selected.Contains(c.Name))).Select(e => e.Name), StringComparer.Ordinal);
        var pending = new Stack<string>();

        void Need(AbiType? type)
        {
            if (type?.RecordName is string record && records.ContainsKey(record) && keptRecords.Add(record))
            {
                pending.Push(record);
            }

            if (type?.EnumName is string e)
            {
                keptEnums.Add(e);
            }
        }

        AbiIoctl[] ioctls = model.Ioctls.Where(i => selected.Contains(i.Name)).ToArray();
        foreach (string name in selected.Where(records.ContainsKey))
        {
            Need(AbiType.OfRecord(name));
        }

        AbiTypedef[] typedefs = model.Typedefs.Where(t => selected.Contains(t.Name)).ToArray();
        foreach (AbiTypedef typedef in typedefs)
        {
            Need(typedef.Type);
        }

        foreach (AbiIoctl ioctl in ioctls)
        {
            Need(ioctl.ArgumentType);
        }

        AbiRequestBuilder[] builders = model.RequestBuilders.Where(b => selected.Contains(b.Name)).ToArray();
        foreach (AbiRequestBuilder builder in builders)
        {
            Need(builder.ArgumentType);
        }

        while (pending.Count > 0)
        {
            foreach (AbiField field in records[pending.Pop()].Fields)
            {
                Need(field.Type);
            }
        }

        return model with
        {
            Records = model.Records.Where(r => keptRecords.Contains(r.Name)).ToEquatableArray(),
            Enums = model.Enums.Where(e => keptEnums.Contains(e.Name)).ToEquatableArray(),
            Typedefs = typedefs.ToEquatableArray(),
            Macros = model.Macros.Where(m => selected.Contains(m.Name)).ToEquatableArray(),
            Ioctls = ioctls.ToEquatableArray(),
            RequestBuilders = builders.ToEquatableArray(),
        };
    }
}
