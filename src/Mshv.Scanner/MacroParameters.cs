using System.Collections.Generic;

namespace Mshv.Scanner;

/// <summary>Where a name stands in a function-like macro's parameter list (the expander and the ioctl forms both ask).</summary>
internal static class MacroParameters
{
    /// <summary>The parameter's position, or -1 when <paramref name="name"/> is not a parameter.</summary>
    public static int IndexOf(IReadOnlyList<string> parameters, string name)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
