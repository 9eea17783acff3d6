using System;
using System.Collections.Generic;
using System.Text;

namespace Mshv.Abi;

/// <summary>
/// The <c>ioctlfn</c> lines of the model text, one per request builder, after the <c>ioctl</c> lines:
/// <c>ioctlfn EVIOCGBIT params=ev,len request=0x80004520+ev+0x10000*len dir=read type=0x45 nr=0x20+ev nrmax=0xff
/// size=len sizemax=0x3fff at=linux/input.h:176 expansion="…"</c> (sizes and numbers as <see cref="LinearForm"/>s).
/// </summary>
internal static class AbiRequestBuilderText
{
    public static void Write(StringBuilder text, EquatableArray<AbiRequestBuilder> builders)
    {
        if (builders.Count > 0)
        {
            text.Append('\n');
        }

        foreach (AbiRequestBuilder builder in builders)
        {
            text.Append("ioctlfn ").Append(builder.Name)
                .Append(" params=").Append(string.Join(",", builder.Parameters))
                .Append(" request=").Append(builder.Request.Format(builder.Parameters))
                .Append(" dir=").Append(AbiModelWriter.DirectionName(builder.Direction))
                .Append(" type=").AppendHex(builder.Type)
                .Append(" nr=").Append(builder.Number.Format(builder.Parameters))
                .Append(" nrmax=").AppendHex(builder.NumberMax)
                .Append(" size=").Append(builder.Size.Format(builder.Parameters))
                .Append(" sizemax=").AppendHex(builder.SizeMax);
            if (builder.ArgumentCType is not null)
            {
                text.Append(" arg=").AppendQuoted(builder.ArgumentCType);
            }

            if (builder.ArgumentType is not null)
            {
                AbiModelWriter.AppendType(text, "argtype", builder.ArgumentType);
            }

            text.Append(" at=").AppendLocation(builder.Location)
                .Append(" expansion=").AppendQuoted(builder.Expansion);
            AbiModelWriter.AppendDoc(text, builder.Doc);
        }
    }

    public static AbiRequestBuilder Read(
        string name,
        Func<string, string> required,
        Func<string, string?> optional,
        Func<string, ulong> hex,
        Func<string, AbiType> type,
        Func<string, IoctlDirection> direction,
        SourceLocation location,
        string? doc,
        Func<string, AbiFormatException> error)
    {
        var parameters = new List<string>(required("params").Split(','));
        if (parameters.Exists(p => p.Length == 0))
        {
            throw error("params= must list the macro's parameter names, separated by commas");
        }

        EquatableArray<string> names = parameters.ToEquatableArray();
        LinearForm Form(string key) =>
            LinearForm.Parse(required(key), names) ?? throw error(key + "= is not 0xCONSTANT followed by +PARAM or +0xCOEFFICIENT*PARAM terms of params=");

        return new AbiRequestBuilder(
            name,
            names,
            Form("request"),
            direction(required("dir")),
            (uint)hex("type"),
            Form("nr"),
            hex("nrmax"),
            Form("size"),
            hex("sizemax"),
            optional("arg"),
            optional("argtype") is null ? null : type("argtype"),
            required("expansion"),
            location)
        {
            Doc = doc,
        };
    }
}
