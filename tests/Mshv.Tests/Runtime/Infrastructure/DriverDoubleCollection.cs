using Xunit;

namespace Mshv.Tests.Runtime.Infrastructure;

/// <summary>Tests that drive the double share its process-wide state (128 slots, descriptor counts), so they
/// run one at a time and after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DriverDoubleCollection
{
    public const string Name = "mshv driver double";
}
