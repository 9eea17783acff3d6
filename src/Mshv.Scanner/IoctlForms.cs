using System.Collections.Generic;
using System.Linq;

namespace Mshv.Scanner;

/// <summary>
/// Finds which macros build ioctl requests, expanding as the preprocessor would until a builder is reached:
/// surrounding parentheses, aliases (<c>#define A B</c>), wrapper macros (<c>#define MY_IOWR(nr, t) _IOWR('M', nr, t)</c>,
/// as DRM does) and <c>_IOC(dir, type, nr, sizeof(T))</c>. Macros that mention a builder but whose argument type
/// could not be recovered are kept as <see cref="Unrecognized"/>, so the scan can warn about them.
/// </summary>
internal sealed class IoctlForms
{
    // Deep enough for any real wrapper chain, shallow enough to stop a self-referencing macro.
    private const int MaxExpansions = 32;

    private static readonly HashSet<string> Builders = new(System.StringComparer.Ordinal) { "_IO", "_IOR", "_IOW", "_IOWR" };

    private readonly Dictionary<string, MacroDefinition> _objectLike;
    private readonly FunctionMacros _functionLike;

    private IoctlForms(Dictionary<string, MacroDefinition> objectLike, FunctionMacros functionLike)
    {
        _objectLike = objectLike;
        _functionLike = functionLike;
    }

    /// <summary>The ioctl form of each macro that builds a request.</summary>
    public Dictionary<string, IoctlForm> Forms { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Macros that mention <c>_IO</c>, <c>_IOR</c>, <c>_IOW</c>, <c>_IOWR</c> or <c>_IOC</c> (directly or through wrappers) but reached no form with a recoverable argument type.</summary>
    public List<MacroDefinition> Unrecognized { get; } = new();

    /// <summary>
    /// The forms of <paramref name="macros"/>; <paramref name="byName"/> is the same list by name
    /// (<see cref="MacroCollector.ByName"/>).
    /// </summary>
    public static IoctlForms Find(
        IReadOnlyList<MacroDefinition> macros, Dictionary<string, MacroDefinition> byName, FunctionMacros functionLike)
    {
        var found = new IoctlForms(byName, functionLike);
        foreach (MacroDefinition macro in macros)
        {
            // A body of numbers and operators (most macros) reaches no builder and mentions none.
            if (!macro.Body.Any(Evaluation.CTokens.IsIdentifier))
            {
                continue;
            }

            bool mentions = false;
            if (found.Expand(macro.Body, 0, ref mentions) is IoctlForm form)
            {
                found.Forms[macro.Name] = form;
            }
            else if (mentions)
            {
                found.Unrecognized.Add(macro);
            }
        }

        return found;
    }

    private IoctlForm? Expand(IReadOnlyList<string> body, int depth, ref bool mentions)
    {
        if (depth > MaxExpansions)
        {
            return null;
        }

        // The builders themselves, not _IOC_SIZEBITS and friends: a mask such as _IOC_SIZEMASK is no request.
        mentions |= body.Any(t => Builders.Contains(t) || t == "_IOC");
        List<string> tokens = IoctlForm.Unwrapped(body);
        if (tokens.Count == 1)
        {
            return _objectLike.TryGetValue(tokens[0], out MacroDefinition? alias) ? Expand(alias.Body, depth + 1, ref mentions) : null;
        }

        if (tokens.Count < 3 || tokens[1] != "(" || IoctlForm.CloseOf(tokens, 1) != tokens.Count - 1)
        {
            return null;
        }

        string head = tokens[0];
        List<List<string>> arguments = IoctlForm.SplitArguments(tokens, 2, tokens.Count - 1);
        if (Builders.Contains(head))
        {
            return head == "_IO" ? new IoctlForm(head, null) : arguments.Count == 3 ? new IoctlForm(head, IoctlForm.Spell(arguments[2])) : null;
        }

        if (head == "_IOC")
        {
            return arguments.Count == 4 && SizeofOperand(arguments[3]) is string type ? new IoctlForm(head, type) : null;
        }

        return _functionLike.TryGetValue(head, out FunctionMacro? wrapper) && Substitute(wrapper, arguments) is List<string> expanded
            ? Expand(expanded, depth + 1, ref mentions)
            : null;
    }

    /// <summary>T of <c>sizeof(T)</c>, or null when the size is not written as a sizeof.</summary>
    private static string? SizeofOperand(IReadOnlyList<string> size)
    {
        List<string> tokens = IoctlForm.Unwrapped(size);
        if (tokens.Count < 2 || tokens[0] != "sizeof")
        {
            return null;
        }

        List<string> operand = IoctlForm.Unwrapped(tokens.GetRange(1, tokens.Count - 1));
        return operand.Count > 0 ? IoctlForm.Spell(operand) : null;
    }

    /// <summary>The most tokens a wrapper's substituted body may have (a real request macro has tens).</summary>
    internal const int MaxWrapperTokens = 4096;

    /// <summary>
    /// The wrapper's body with each parameter replaced by its argument's tokens; null for what token substitution
    /// cannot model (stringizing, pasting, variadic wrappers, a wrong argument count, more than <see cref="MaxWrapperTokens"/>).
    /// </summary>
    internal static List<string>? Substitute(FunctionMacro wrapper, List<List<string>> arguments)
    {
        if (wrapper.IsVariadic || wrapper.Body.Any(t => t is "#" or "##"))
        {
            return null;
        }

        if (wrapper.Parameters.Count == 0 ? arguments.Count != 1 || arguments[0].Count != 0 : arguments.Count != wrapper.Parameters.Count)
        {
            return null;
        }

        var expanded = new List<string>();
        foreach (string token in wrapper.Body)
        {
            int parameter = MacroParameters.IndexOf(wrapper.Parameters, token);
            if (parameter >= 0)
            {
                expanded.AddRange(arguments[parameter]);
            }
            else
            {
                expanded.Add(token);
            }

            // '#define D(x) D(x x)' doubles its tokens at each of the wrapper levels followed: no request is that long.
            if (expanded.Count > MaxWrapperTokens)
            {
                return null;
            }
        }

        return expanded;
    }
}
