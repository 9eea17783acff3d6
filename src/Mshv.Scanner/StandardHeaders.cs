using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Mshv.Scanner;

/// <summary>
/// Which C library header declares a name uapi headers use without including it (<c>size_t</c>, <c>uint32_t</c>…),
/// so a diagnostic about an undeclared name can say what to include.
/// </summary>
internal static class StandardHeaders
{
    private static readonly Dictionary<string, string> Declaring = new()
    {
        ["size_t"] = "stddef.h",
        ["ptrdiff_t"] = "stddef.h",
        ["wchar_t"] = "stddef.h",
        ["NULL"] = "stddef.h",
        ["offsetof"] = "stddef.h",
        ["bool"] = "stdbool.h",
        ["va_list"] = "stdarg.h",
        ["int8_t"] = "stdint.h",
        ["int16_t"] = "stdint.h",
        ["int32_t"] = "stdint.h",
        ["int64_t"] = "stdint.h",
        ["uint8_t"] = "stdint.h",
        ["uint16_t"] = "stdint.h",
        ["uint32_t"] = "stdint.h",
        ["uint64_t"] = "stdint.h",
        ["intptr_t"] = "stdint.h",
        ["uintptr_t"] = "stdint.h",
        ["ssize_t"] = "sys/types.h",
        ["pid_t"] = "sys/types.h",
        ["uid_t"] = "sys/types.h",
        ["gid_t"] = "sys/types.h",
        ["off_t"] = "sys/types.h",
        ["mode_t"] = "sys/types.h",
        ["time_t"] = "time.h",
        ["timespec"] = "time.h",
        ["timeval"] = "sys/time.h",
        ["sockaddr"] = "sys/socket.h",
        ["sa_family_t"] = "sys/socket.h",
    };

    private static readonly Regex QuotedName = new("'(?:struct )?([A-Za-z_][A-Za-z0-9_]*)'", RegexOptions.CultureInvariant);

    /// <summary>
    /// The header declaring the first quoted name in clang's message, e.g. <c>stddef.h</c> for
    /// <c>unknown type name 'size_t'</c>.
    /// </summary>
    public static (string Name, string Header)? For(string clangMessage)
    {
        foreach (Match match in QuotedName.Matches(clangMessage))
        {
            if (Declaring.TryGetValue(match.Groups[1].Value, out string? header))
            {
                return (match.Groups[1].Value, header);
            }
        }

        return null;
    }
}
