using System.Linq;
using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// The kernel's own words (the model's <c>doc=</c>: kernel-doc text and the header's comments) at the head of a doc
/// comment, one <c>&lt;para&gt;</c> a paragraph so IntelliSense keeps them apart from the C declaration that follows.
/// The text is XML-escaped and written one paragraph a <c>///</c> line: no comment can close the summary or end the
/// comment early.
/// </summary>
internal static class KernelDocText
{
    /// <summary><paramref name="generated"/> with the kernel's paragraphs before it; just <paramref name="generated"/> without docs.</summary>
    public static string Before(string? doc, string generated) =>
        doc is null ? generated : Paragraphs(doc) + "\n" + generated;

    /// <summary>The kernel's words alone (an enum member has no other text): one paragraph as plain text, one line.</summary>
    public static string Alone(string doc) => doc.IndexOf('\n') < 0 ? CSharpNames.Xml(doc) : Paragraphs(doc);

    private static string Paragraphs(string doc) =>
        string.Join("\n", doc.Split('\n').Where(p => p.Length > 0).Select(p => "<para>" + CSharpNames.Xml(p) + "</para>"));
}
