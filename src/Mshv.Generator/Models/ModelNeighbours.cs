using Mshv.Abi;

namespace Mshv.Generator.Models;

/// <summary>
/// One parsed model with what its emission needs of the other models: the paths sharing its class prefix (the first
/// keeps it) and the type names declared by the models before it (a later duplicate is renamed, MSHV0004).
/// </summary>
internal sealed record ModelNeighbours(ParsedModel Model, EquatableArray<string> SamePrefixPaths, EquatableArray<ModelTypeNames> EarlierTypeNames);
