namespace Mshv.Abi.Diff;

/// <summary>
/// How a changed type is worded. The same C spelling can name different types on two targets: plain <c>char</c> is
/// signed on x86_64 and unsigned on aarch64, so "char -> char" would say nothing; the model's types and the targets do.
/// </summary>
internal static class TypeChangeText
{
    public static string Of(string oldSpelling, AbiType oldType, ModelView oldModel, string newSpelling, AbiType newType, ModelView newModel)
    {
        string oldShape = TypeShape.Describe(oldType, oldModel);
        string newShape = TypeShape.Describe(newType, newModel);
        if (oldSpelling != newSpelling)
        {
            return oldSpelling + " -> " + newSpelling + " (" + oldShape + " -> " + newShape + ")";
        }

        string targets = oldModel.Model.Target == newModel.Model.Target
            ? string.Empty
            : " on " + oldModel.Model.Target + " -> " + newModel.Model.Target;
        if (oldShape == newShape)
        {
            // The same type whose own layout changed (a record): its changes are reported on it.
            return oldSpelling + " (" + oldShape + ")" + targets;
        }

        string why = oldSpelling.Contains("char") && oldModel.Model.Target != newModel.Model.Target
            ? "; the target decides whether plain char is signed"
            : string.Empty;
        return oldSpelling + " is " + oldShape + " -> " + newShape + targets + why;
    }
}
