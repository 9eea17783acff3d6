using System.Linq;
using System.Text;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>
/// gcc (C17 and before) gives an enumerator whose value fits in <c>int</c> the type <c>int</c>, even in an enum that also
/// holds a value that does not (<c>linux/netfilter/xt_time.h</c>: <c>XT_TIME_LOCAL_TZ = 1</c> beside <c>0xFFFFFFFE</c>).
/// libclang 22 gives every enumerator of such an enum the enum's own type, so a macro built from them is typed
/// differently (<c>XT_TIME_ALL_FLAGS</c>: gcc <c>int</c>, clang <c>unsigned int</c>). The macro probe restores gcc's
/// typing by redefining each such enumerator as an <c>int</c> cast of itself: inside its own definition a macro's name
/// is not expanded again, so the inner name is the enumerator.
/// </summary>
internal static class GccEnumeratorTypes
{
    public static string Prelude(DeclarationIndex index)
    {
        var text = new StringBuilder();
        foreach (CXCursor declaration in index.Enums)
        {
            string? underlying = TypeShapes.Primitive(Clang.Canonical(LibClang.clang_getEnumDeclIntegerType(declaration)));
            if (underlying is null)
            {
                continue;
            }

            foreach (CXCursor constant in Clang.Children(declaration).Where(child => child.Kind == CXCursorKind.EnumConstantDecl))
            {
                long value = EnumCollector.Value(constant, underlying);
                bool fitsInt = value is >= int.MinValue and <= int.MaxValue && !(underlying == "u64" && value < 0);
                if (!fitsInt || Clang.Canonical(LibClang.clang_getCursorType(constant)).Kind == CXTypeKind.Int)
                {
                    continue;
                }

                string name = Clang.Spelling(constant);
                text.Append("#undef ").Append(name).Append('\n')
                    .Append("#define ").Append(name).Append(" ((int)").Append(name).Append(")\n");
            }
        }

        return text.ToString();
    }
}
