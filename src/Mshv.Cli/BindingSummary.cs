using System.Globalization;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Models;

namespace Mshv.Cli;

/// <summary>What a model binds, as a new user wants to see it: the records with their sizes, the ioctls with their numbers.</summary>
internal static class BindingSummary
{
    public static void Write(AbiModel model, EmitResult emitted, string ns, string prefix, TextWriter output)
    {
        var named = model.Records.Where(r => !r.IsAnonymous).ToList();
        int bitfields = model.Records.Sum(r => r.Fields.Count(f => f.IsBitfield));
        output.WriteLine(F("Bound {0} records ({1} anonymous members flattened), {2} fields of which {3} bitfields, {4} macros, {5} ioctls:",
            named.Count, model.Records.Count - named.Count, model.Records.Sum(r => r.Fields.Count), bitfields, model.Macros.Count, model.Ioctls.Count));
        int width = named.Select(r => r.CKeyword.Length + 1 + r.Name.Length).DefaultIfEmpty(0).Max();
        foreach (AbiRecord record in named)
        {
            output.WriteLine(F("  {0} {1,5} bytes  {2}", (record.CKeyword + " " + record.Name).PadRight(width), record.Size, record.Location));
        }

        int ioctlWidth = model.Ioctls.Select(i => i.Name.Length).DefaultIfEmpty(0).Max();
        foreach (AbiIoctl ioctl in model.Ioctls)
        {
            output.WriteLine(F("  {0} 0x{1:x8}  {2,-9} {3}", ioctl.Name.PadRight(ioctlWidth), ioctl.Request,
                AbiModelWriter.DirectionName(ioctl.Direction), ioctl.ArgumentCType ?? "(no argument)"));
        }

        output.WriteLine(F("Generated C#: {0} files, {1} lines in namespace {2} ({3}Constants, {3}Ioctls); the generator emits them when src/Mshv.Bindings builds.",
            emitted.Files.Count, emitted.Files.Sum(f => f.Source.Count(c => c == '\n')), ns, prefix));
    }

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
