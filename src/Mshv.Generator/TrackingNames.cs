namespace Mshv.Generator;

/// <summary>Names of the incremental pipeline's steps, so tests can assert which steps ran.</summary>
public static class TrackingNames
{
    public const string ModelSources = nameof(ModelSources);
    public const string ParsedModels = nameof(ParsedModels);
    public const string ModelPaths = nameof(ModelPaths);
    public const string Options = nameof(Options);
    public const string ModelNamespaces = nameof(ModelNamespaces);
    public const string SupportTypesNeeded = nameof(SupportTypesNeeded);
    public const string TypeNames = nameof(TypeNames);
    public const string ModelNeighbours = nameof(ModelNeighbours);
    public const string Emissions = nameof(Emissions);
    public const string SharedTypes = nameof(SharedTypes);
    public const string SelectionFiles = nameof(SelectionFiles);
    public const string Selection = nameof(Selection);
    public const string UnknownSelections = nameof(UnknownSelections);
    public const string HeaderFiles = nameof(HeaderFiles);
}
