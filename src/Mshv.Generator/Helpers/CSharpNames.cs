using System;
using System.Collections.Generic;
using System.Globalization;
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

    /// <summary>The C# spelling of a C identifier: <see cref="Identifier"/>, with <c>@</c> before a keyword.</summary>
    public static string Escape(string name)
    {
        string identifier = Identifier(name);
        return Keywords.Contains(identifier) ? "@" + identifier : identifier;
    }

    /// <summary>
    /// A C identifier as a C# one: the same text where C# allows it (Unicode letters included); a character C# does
    /// not allow (<c>$</c>, which gcc accepts) or ignores when comparing names (format characters) becomes
    /// <c>_uXXXX</c>, and a leading character that cannot start a C# name gets a <c>_</c> before it.
    /// </summary>
    public static string Identifier(string name)
    {
        if (name.Length > 0 && IsPlainIdentifier(name))
        {
            return name;
        }

        var text = new StringBuilder();
        foreach (char c in name)
        {
            if (IsPart(c))
            {
                text.Append(c);
            }
            else
            {
                text.Append("_u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        if (text.Length == 0 || !IsStart(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }

    /// <summary>
    /// The C# type name of a model record: <c>parent.member</c> becomes <c>parent__member</c>, and a C tag that is a C#
    /// keyword (<c>struct event</c>) gets <c>@</c>, as every other identifier does.
    /// </summary>
    public static string RecordTypeName(string modelName)
    {
        string name = string.Join("__", modelName.Split('.').Select(Identifier));
        return Keywords.Contains(name) ? "@" + name : name;
    }

    /// <summary>
    /// A hint name Roslyn's <c>AddSource</c> accepts on every platform: ASCII letters, digits, <c>_</c> and <c>.</c>;
    /// anything else (a Unicode letter of a C name, <c>&lt;</c>, U+FFFD) becomes <c>_uXXXX</c>.
    /// </summary>
    public static string HintName(string name)
    {
        var text = new StringBuilder();
        foreach (char c in name)
        {
            if (c == '@')
            {
                // The verbatim prefix of a keyword-named type (@event) is not part of its name.
                continue;
            }

            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.')
            {
                text.Append(c);
            }
            else
            {
                text.Append("_u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static bool IsPlainIdentifier(string name) => IsStart(name[0]) && name.All(IsPart);

    private static bool IsStart(char c) => c == '_' || IsLetter(CharUnicodeInfo.GetUnicodeCategory(c));

    /// <summary>What C# allows after the first character, less the format characters it ignores (a\u00ADb is ab to C#).</summary>
    private static bool IsPart(char c)
    {
        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
        return c == '_' || IsLetter(category) || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    private static bool IsLetter(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

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
