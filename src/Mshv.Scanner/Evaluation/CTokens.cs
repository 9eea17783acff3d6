namespace Mshv.Scanner.Evaluation;

/// <summary>What a token's spelling says it is (clang's token kinds are not kept for expanded tokens).</summary>
internal static class CTokens
{
    public static bool IsIdentifier(string token) =>
        token.Length > 0 && (char.IsAsciiLetter(token[0]) || token[0] is '_' or '$' || token[0] >= 0x80) && !IsCharacterLiteral(token) && !IsStringLiteral(token);

    public static bool IsNumber(string token) => token.Length > 0 && (char.IsAsciiDigit(token[0]) || (token[0] == '.' && token.Length > 1 && char.IsAsciiDigit(token[1])));

    /// <summary>A character constant, with or without an encoding prefix (<c>'a'</c>, <c>L'a'</c>, <c>u8'a'</c>).</summary>
    public static bool IsCharacterLiteral(string token) => token.EndsWith('\'') && token.IndexOf('\'') is >= 0 and <= 2;

    public static bool IsStringLiteral(string token) => token.EndsWith('"') && token.IndexOf('"') is >= 0 and <= 2;
}
