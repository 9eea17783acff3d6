using Mshv.Abi;

namespace Mshv.Generator.Selection;

/// <summary>
/// A line of a selection file that tells the generator something the header does not say, rather than selecting a
/// name: <c>count RECORD FIELD</c> names the count field of a record's flexible array; <c>kinds REQUEST KIND[,KIND]</c>
/// says on which kinds of file descriptor a request is accepted; <c>argument REQUEST -</c> says the header's argument
/// type is not what the kernel reads and writes, so the request gets its constant and no typed descriptor.
/// Directives never narrow the selection.
/// </summary>
public sealed record SelectionDirective(string Keyword, EquatableArray<string> Arguments, SourceLocation Location)
{
    public const string Count = "count";
    public const string Kinds = "kinds";
    public const string Argument = "argument";

    public static bool IsKeyword(string word) => word is Count or Kinds or Argument;
}
