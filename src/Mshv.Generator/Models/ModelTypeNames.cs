using Mshv.Abi;

namespace Mshv.Generator.Models;

/// <summary>The C# record and enum names one model declares in the shared namespace, sorted ordinally.</summary>
internal sealed record ModelTypeNames(string ModelPath, EquatableArray<string> Names);
