namespace Mshv.Generator.Emission;

/// <summary>
/// The C# type chosen for a C type, with its size in bytes taken from the model (never from C#), and
/// whether it only holds the bytes of a C type C# cannot express (<c>long double</c>).
/// </summary>
internal sealed record CSharpType(string Name, long Size, bool IsRawBytes);
