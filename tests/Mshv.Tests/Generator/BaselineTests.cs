using Mshv.Tests.Generator.Support;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Generator;

/// <summary>
/// The emitted source for the checked-in seed model, file by file, against reviewed baselines: any change to
/// what users get shows up as a diff in review. Accept a deliberate change with
/// <c>MSHV_ACCEPT_BASELINES=1 dotnet test Mshv.sln</c> (tests/README.md).
/// </summary>
public sealed class BaselineTests
{
    [Fact]
    public void Emitted_source_for_the_seed_model_matches_the_baselines()
    {
        BaselineAssert.Matches(SeedModel.Emit().Files, RepoPaths.Baselines, prefix: "seed.");
    }
}
