using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Mshv.Abi;

/// <summary>
/// Writes the canonical text form of a model: one entity a line, members indented under their
/// record or enum, entities sorted by name, no absolute paths and no timestamps, so that two scans of
/// the same headers are byte-identical and a change to a header shows as a small diff.
/// </summary>
public static class AbiModelWriter
{
    public const string Banner = "# ABI model written by `mshv scan`: what the C compiler decided. Regenerate it; do not edit it.";

    public static string Write(AbiModel model)
    {
        model = Canonicalize(model);
        // About 90 characters a line: one allocation instead of a doubling series for a model of thousands of lines.
        var text = new StringBuilder(4096 + 90 * (model.Macros.Count + model.Ioctls.Count + model.Typedefs.Count
            + model.Records.Sum(r => r.Fields.Count + 2) + model.Enums.Sum(e => e.Constants.Count + 2)));
        Build(model, text, spill: null);
        return text.ToString();
    }

    /// <summary>
    /// Writes the model's text to <paramref name="stream"/> as UTF-8, an entity at a time through a small buffer: the text
    /// of every uapi header together is megabytes, and is never one string nor one buffer.
    /// </summary>
    public static void Write(AbiModel model, Stream stream)
    {
        Encoder encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
        char[] chars = new char[SpillLength];
        // The most a block can need, a surrogate half held over from the block before included.
        byte[] bytes = new byte[Encoding.UTF8.GetMaxByteCount(SpillLength)];
        var text = new StringBuilder(2 * SpillLength);
        Build(Canonicalize(model), text, spill: last =>
        {
            for (int start = 0; start < text.Length; start += chars.Length)
            {
                int count = Math.Min(chars.Length, text.Length - start);
                text.CopyTo(start, chars, 0, count);
                int length = encoder.GetBytes(chars, 0, count, bytes, 0, flush: last && start + count == text.Length);
                stream.Write(bytes, 0, length);
            }

            text.Clear();
        });
    }

    /// <summary>How many characters the stream writer gathers before it encodes them.</summary>
    private const int SpillLength = 1 << 14;

    /// <summary>
    /// Appends the text of a canonical model; after each entity, <paramref name="spill"/> (when given) takes what
    /// was gathered once it passes <see cref="SpillLength"/> (argument false), and at the end the rest (true).
    /// </summary>
    private static void Build(AbiModel model, StringBuilder text, Action<bool>? spill)
    {
        void Gathered()
        {
            if (spill is not null && text.Length >= SpillLength)
            {
                spill(false);
            }
        }

        text.Append(Banner).Append('\n');
        text.Append("abi ").Append(AbiModel.FormatVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("target ").Append(model.Target);
        string[] also = model.AlsoTargets.Where(t => t != model.Target).Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToArray();
        if (also.Length > 0)
        {
            text.Append(" also=").Append(string.Join(",", also));
        }

        text.Append('\n');
        foreach (string header in model.Headers)
        {
            text.Append("header ").AppendBare(header).Append('\n');
        }

        foreach (AbiRecord record in model.Records)
        {
            text.Append('\n').Append(record.CKeyword).Append(' ').Append(record.Name)
                .Append(" size=").AppendNum(record.Size)
                .Append(" align=").AppendNum(record.Alignment);
            if (record.IsPacked)
            {
                text.Append(" packed");
            }

            if (record.IsAnonymous)
            {
                text.Append(" anonymous");
            }

            text.Append(" at=").AppendLocation(record.Location);
            AppendDoc(text, record.Doc);
            foreach (AbiField field in record.Fields)
            {
                text.Append("  field ").Append(field.IsAnonymousMember ? "-" : field.Name)
                    .Append(" bit=").AppendNum(field.BitOffset);
                if (field.IsBitfield)
                {
                    text.Append(" width=").AppendNum(field.BitWidth);
                }

                AppendType(text, "type", field.Type);
                text.Append(" c=").AppendQuoted(field.CType)
                    .Append(" at=").AppendLocation(field.Location);
                if (field.IsOpaque)
                {
                    text.Append(" opaque");
                }

                AppendDoc(text, field.Doc);
            }

            Gathered();
        }

        foreach (AbiEnum e in model.Enums)
        {
            text.Append("\nenum ").AppendBare(e.Name);
            if (e.IsAnonymous)
            {
                text.Append(" anonymous");
            }

            text.Append(" underlying=").Append(e.Underlying).Append(" at=").AppendLocation(e.Location);
            AppendDoc(text, e.Doc);
            foreach (AbiEnumConstant constant in e.Constants)
            {
                text.Append("  const ").Append(constant.Name).Append(" value=").AppendNum(constant.Value);
                AppendDoc(text, constant.Doc);
            }

            Gathered();
        }

        if (model.Typedefs.Count > 0)
        {
            text.Append('\n');
        }

        foreach (AbiTypedef typedef in model.Typedefs)
        {
            text.Append("typedef ").Append(typedef.Name);
            AppendType(text, "type", typedef.Type);
            text.Append(" c=").AppendQuoted(typedef.CType).Append(" at=").AppendLocation(typedef.Location);
            AppendDoc(text, typedef.Doc);

            Gathered();
        }

        if (model.Macros.Count > 0)
        {
            text.Append('\n');
        }

        foreach (AbiMacro macro in model.Macros)
        {
            text.Append("macro ").Append(macro.Name)
                .Append(" value=").Append(macro.Value)
                .Append(" type=").Append(macro.Primitive)
                .Append(" c=").AppendQuoted(macro.CType)
                .Append(" at=").AppendLocation(macro.Location)
                .Append(" expansion=").AppendQuoted(macro.Expansion);
            AppendDoc(text, macro.Doc);

            Gathered();
        }

        if (model.Ioctls.Count > 0)
        {
            text.Append('\n');
        }

        foreach (AbiIoctl ioctl in model.Ioctls)
        {
            text.Append("ioctl ").Append(ioctl.Name)
                .Append(" request=").AppendHex(ioctl.Request)
                .Append(" dir=").Append(DirectionName(ioctl.Direction))
                .Append(" type=").AppendHex(ioctl.Type)
                .Append(" nr=").AppendHex(ioctl.Number)
                .Append(" size=").AppendNum(ioctl.Size);
            if (ioctl.ArgumentCType is not null)
            {
                text.Append(" arg=").AppendQuoted(ioctl.ArgumentCType);
            }

            if (ioctl.ArgumentType is not null)
            {
                AppendType(text, "argtype", ioctl.ArgumentType);
            }

            if (ioctl.Kinds.Count > 0)
            {
                text.Append(" kinds=").Append(string.Join(",", ioctl.Kinds.OrderBy(k => k, StringComparer.Ordinal)));
            }

            text.Append(" at=").AppendLocation(ioctl.Location);
            AppendDoc(text, ioctl.Doc);

            Gathered();
        }

        AbiRequestBuilderText.Write(text, model.RequestBuilders);

        // The reader requires this last line in a model that carries the banner: a model cut short is an error, not fewer records.
        text.Append('\n').Append(AbiModel.EndMarker).Append('\n');
        spill?.Invoke(true);
    }

    /// <summary>
    /// Sorts every list the way the text form does, so equal ABIs give equal models. A model that is already
    /// canonical (every scanned one, and every one read back) is returned as it is, after one linear check.
    /// </summary>
    public static AbiModel Canonicalize(AbiModel model) =>
        IsSorted(model.Records, r => r.Name) && IsSorted(model.Enums, e => e.Name) && IsSorted(model.Typedefs, t => t.Name)
        && IsSorted(model.Macros, m => m.Name) && IsSorted(model.Ioctls, i => i.Name) && IsSorted(model.RequestBuilders, b => b.Name)
            ? model
            : model with
            {
                Records = model.Records.OrderBy(r => r.Name, StringComparer.Ordinal).ToEquatableArray(),
                Enums = model.Enums.OrderBy(e => e.Name, StringComparer.Ordinal).ToEquatableArray(),
                Typedefs = model.Typedefs.OrderBy(t => t.Name, StringComparer.Ordinal).ToEquatableArray(),
                Macros = model.Macros.OrderBy(m => m.Name, StringComparer.Ordinal).ToEquatableArray(),
                Ioctls = model.Ioctls.OrderBy(i => i.Name, StringComparer.Ordinal).ToEquatableArray(),
                RequestBuilders = model.RequestBuilders.OrderBy(b => b.Name, StringComparer.Ordinal).ToEquatableArray(),
            };

    private static bool IsSorted<T>(EquatableArray<T> items, Func<T, string> name)
        where T : IEquatable<T>
    {
        for (int i = 1; i < items.Count; i++)
        {
            if (string.CompareOrdinal(name(items[i - 1]), name(items[i])) > 0)
            {
                return false;
            }
        }

        return true;
    }

    public static string FormatType(AbiType type)
    {
        var text = new StringBuilder(type.IsRecord ? "record:" + type.RecordName : type.Primitive);
        foreach (long dimension in type.Dimensions)
        {
            text.Append('[').AppendNum(dimension).Append(']');
        }

        return text.ToString();
    }

    public static string DirectionName(IoctlDirection direction) => direction switch
    {
        IoctlDirection.None => "none",
        IoctlDirection.Write => "write",
        IoctlDirection.Read => "read",
        IoctlDirection.ReadWrite => "readwrite",
        _ => throw new ArgumentOutOfRangeException(nameof(direction)),
    };

    internal static void AppendType(StringBuilder text, string key, AbiType type)
    {
        text.Append(' ').Append(key).Append('=').Append(FormatType(type));
        if (type.EnumName is not null)
        {
            text.Append(" enum=").AppendBare(type.EnumName);
        }
    }

    /// <summary>Ends a line: with <c>doc="…"</c> last when the entity carries the kernel's documentation.</summary>
    internal static void AppendDoc(StringBuilder text, string? doc)
    {
        if (doc is not null)
        {
            text.Append(" doc=").AppendQuoted(doc);
        }

        text.Append('\n');
    }

    internal static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    // The text is appended without a string for each value: a model of every uapi header has some 50,000 lines.
    internal static StringBuilder AppendNum(this StringBuilder text, long value) =>
        value >= 0 ? text.Append((ulong)value) : text.Append(Num(value));

    internal static StringBuilder AppendHex(this StringBuilder text, ulong value) =>
        text.Append("0x").Append(value.ToString("x", CultureInfo.InvariantCulture));

    /// <summary>A path as one word: quoted only when it holds a space or a quote, so ordinary models stay as they were.</summary>
    internal static StringBuilder AppendBare(this StringBuilder text, string value) =>
        value.Length == 0 || value.IndexOf(' ') >= 0 || value.IndexOf('"') >= 0 || value.IndexOf('\t') >= 0
            ? text.AppendQuoted(value)
            : text.Append(value);

    /// <summary>A location as <see cref="AppendBare"/> writes its <c>file:line</c> text.</summary>
    internal static StringBuilder AppendLocation(this StringBuilder text, SourceLocation location) =>
        location.File.IndexOf(' ') >= 0 || location.File.IndexOf('"') >= 0 || location.File.IndexOf('\t') >= 0
            ? text.AppendQuoted(location.ToString())
            : text.Append(location.File).Append(':').AppendNum(location.Line);

    private static readonly char[] Escaped = { '\\', '"', '\n' };

    internal static StringBuilder AppendQuoted(this StringBuilder text, string value)
    {
        text.Append('"');
        if (value.IndexOfAny(Escaped) < 0)
        {
            return text.Append(value).Append('"');
        }

        foreach (char c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append("\\n"),
                _ => text.Append(c),
            };
        }

        return text.Append('"');
    }
}
