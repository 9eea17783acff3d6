using System.Collections.Generic;
using System.Linq;

namespace Mshv.Scanner;

/// <summary>
/// A macro body of the form <c>_IOx(type, nr[, argument])</c>, split at its top-level commas. The argument
/// C type is read from the tokens because the request number only keeps its size.
/// </summary>
internal sealed record IoctlForm(string Builder, IReadOnlyList<string> Arguments)
{
    private static readonly HashSet<string> Builders = new(System.StringComparer.Ordinal) { "_IO", "_IOR", "_IOW", "_IOWR" };

    /// <summary>The argument's C type (tokens after the second top-level comma), or null for <c>_IO</c>.</summary>
    public string? ArgumentCType => Builder != "_IO" && Arguments.Count >= 3 ? Arguments[2] : null;

    public static IoctlForm? Parse(IReadOnlyList<string> body)
    {
        if (body.Count < 3 || !Builders.Contains(body[0]) || body[1] != "(" || body[^1] != ")")
        {
            return null;
        }

        var arguments = new List<string>();
        var current = new List<string>();
        int depth = 0;
        foreach (string token in body.Skip(2).Take(body.Count - 3))
        {
            if (token is "(" or "[")
            {
                depth++;
            }
            else if (token is ")" or "]")
            {
                depth--;
            }

            if (token == "," && depth == 0)
            {
                arguments.Add(string.Join(" ", current));
                current.Clear();
            }
            else
            {
                current.Add(token);
            }
        }

        arguments.Add(string.Join(" ", current));
        return depth == 0 ? new IoctlForm(body[0], arguments) : null;
    }

    /// <summary>The ioctl forms of the macros: direct, or through one alias (<c>#define A B</c> where B is an ioctl).</summary>
    public static Dictionary<string, IoctlForm> Find(IEnumerable<MacroDefinition> macros)
    {
        var list = macros.ToList();
        var forms = new Dictionary<string, IoctlForm>(System.StringComparer.Ordinal);
        foreach (MacroDefinition macro in list)
        {
            if (Parse(macro.Body) is IoctlForm form)
            {
                forms[macro.Name] = form;
            }
        }

        foreach (MacroDefinition macro in list)
        {
            if (macro.Body.Count == 1 && !forms.ContainsKey(macro.Name) && forms.TryGetValue(macro.Body[0], out IoctlForm? target))
            {
                forms[macro.Name] = target;
            }
        }

        return forms;
    }
}
