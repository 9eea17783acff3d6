using System.Collections.Generic;
using System.Linq;

namespace Mshv.Scanner;

/// <summary>
/// Whether a function-like macro's body is an ioctl request built from its parameters, reading the tokens as the
/// preprocessor would (parentheses, aliases, wrapper macros) until <c>_IO</c>, <c>_IOR</c>, <c>_IOW</c>, <c>_IOWR</c>
/// or <c>_IOC</c> is reached. The numbers are not read here: clang evaluates the macro (<see cref="RequestBuilderProbe"/>).
/// </summary>
/// <param name="Builder">The builder reached.</param>
/// <param name="ArgumentCType">The argument type the body names when it does not depend on the parameters; else null.</param>
internal sealed record RequestBuilderForm(string Builder, string? ArgumentCType)
{
    // Deep enough for any real wrapper chain, shallow enough to stop a self-referencing macro.
    private const int MaxExpansions = 32;

    private static readonly HashSet<string> Builders = new(System.StringComparer.Ordinal) { "_IO", "_IOR", "_IOW", "_IOWR", "_IOC" };

    /// <summary>The form of <paramref name="macro"/>, or null with the reason it is not a request builder.</summary>
    public static RequestBuilderForm? Of(
        FunctionMacro macro, FunctionMacros functionLike, IReadOnlyDictionary<string, MacroDefinition> objectLike, out string reason)
    {
        reason = "its body does not build an ioctl request (no _IO/_IOR/_IOW/_IOWR/_IOC call, directly or through wrapper macros)";
        if (macro.IsVariadic || macro.Parameters.Count == 0)
        {
            reason = macro.IsVariadic ? "it is variadic" : "it has no parameters to build a request from";
            return null;
        }

        IReadOnlyList<string> tokens = macro.Body;
        for (int depth = 0; depth < MaxExpansions; depth++)
        {
            List<string> unwrapped = IoctlForm.Unwrapped(tokens);
            if (unwrapped.Count == 1 && objectLike.TryGetValue(unwrapped[0], out MacroDefinition? alias))
            {
                tokens = alias.Body;
                continue;
            }

            if (unwrapped.Count < 3 || unwrapped[1] != "(" || IoctlForm.CloseOf(unwrapped, 1) != unwrapped.Count - 1)
            {
                return null;
            }

            List<List<string>> arguments = IoctlForm.SplitArguments(unwrapped, 2, unwrapped.Count - 1);
            string head = unwrapped[0];
            if (Builders.Contains(head))
            {
                return Build(head, arguments, macro.Parameters, out reason);
            }

            if (!functionLike.TryGetValue(head, out FunctionMacro? wrapper) || IoctlForms.Substitute(wrapper, arguments) is not List<string> expanded)
            {
                return null;
            }

            tokens = expanded;
        }

        reason = "its wrapper macros nest deeper than " + MaxExpansions;
        return null;
    }

    private static RequestBuilderForm? Build(string head, List<List<string>> arguments, IReadOnlyList<string> parameters, out string reason)
    {
        reason = head + " is called with " + arguments.Count + " arguments";
        int expected = head switch { "_IO" => 2, "_IOC" => 4, _ => 3 };
        if (arguments.Count != expected)
        {
            return null;
        }

        reason = string.Empty;
        List<string>? type = head switch
        {
            "_IO" => null,
            "_IOC" => SizeofOperand(arguments[3]),
            _ => arguments[2],
        };
        if (type is not null && IoctlForm.Unwrapped(type) is { Count: 1 } only && parameters.Contains(only[0]))
        {
            reason = "its parameter '" + only[0] + "' is the argument type: a wrapper that builds other requests (as DRM_IOWR does), not a request";
            return null;
        }

        bool dependent = type is null || type.Any(parameters.Contains);
        return new RequestBuilderForm(head, dependent ? null : IoctlForm.Spell(type!));
    }

    /// <summary>T of <c>sizeof(T)</c>, or null when the size is not written as a sizeof.</summary>
    private static List<string>? SizeofOperand(IReadOnlyList<string> size)
    {
        List<string> tokens = IoctlForm.Unwrapped(size);
        if (tokens.Count < 2 || tokens[0] != "sizeof")
        {
            return null;
        }

        List<string> operand = IoctlForm.Unwrapped(tokens.GetRange(1, tokens.Count - 1));
        return operand.Count > 0 ? operand : null;
    }
}
