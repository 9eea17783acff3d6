using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Mshv.Generator.Helpers;

/// <summary>How C spellings become C# identifiers: kept as they are, with <c>@</c> for keywords.</summary>
internal static class CSharpNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit",
        "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int",
        "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out",
        "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed",
        "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try",
        "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>The C# spelling of a C identifier: the same text, with <c>@</c> before a keyword.</summary>
    public static string Escape(string name) => Keywords.Contains(name) ? "@" + name : name;

    /// <summary>The C# type name of a model record: <c>parent.member</c> becomes <c>parent__member</c>.</summary>
    public static string RecordTypeName(string modelName) => modelName.Replace(".", "__");

    public static bool IsIdentifier(string name) =>
        name.Length > 0
        && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsLetterOrDigit(c) || c == '_')
        && !Keywords.Contains(name);

    /// <summary>A dotted namespace such as <c>Mshv.Interop</c>: every part an identifier.</summary>
    public static bool IsNamespace(string name) => name.Split('.').All(IsIdentifier);

    /// <summary><c>mshv</c> → <c>Mshv</c>, <c>hyperv-tlfs</c> → <c>HypervTlfs</c>: the default class prefix of a model.</summary>
    public static string PascalCase(string stem)
    {
        var text = new StringBuilder();
        bool upper = true;
        foreach (char c in stem)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            text.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        if (text.Length == 0 || char.IsDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }

    /// <summary>Makes text safe inside an XML doc comment.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
