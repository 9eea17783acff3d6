using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Runtime;

public sealed class TypedRequestTests
{
    private const string Prelude = """
        using Mshv.Interop.Rfc;
        using Mshv.Runtime;
        static class Use
        {
            static void Call(FileDescriptorHandle handle, mshv_create_partition create, uint version)
            {
        """;

    [Fact]
    public void The_right_argument_type_compiles() =>
        Assert.Empty(Errors("handle.Ioctl(MshvIoctls.MSHV_CREATE_PARTITION, in create); handle.Ioctl(MshvIoctls.MSHV_REQUEST_VERSION, in version);"));

    [Theory]
    [InlineData("handle.Ioctl(MshvIoctls.MSHV_CREATE_PARTITION, in version);")]
    [InlineData("handle.Ioctl(MshvIoctls.MSHV_REQUEST_VERSION, in create);")]
    [InlineData("handle.Ioctl(new Mshv.Ioctls.IoctlRead<uint>(\"R\", 1u), in version);")]
    [InlineData("handle.Ioctl(new Mshv.Ioctls.IoctlNone(\"N\", 1u), in create);")]
    public void A_wrong_argument_type_or_direction_does_not_compile(string call)
    {
        string[] errors = Errors(call);

        // Only overload-resolution errors, and at least one (a typo in the call would fail differently):
        // CS1503 wrong argument type, CS1620/CS1615 wrong ref kind, CS1501 no overload with that many arguments.
        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Matches("error CS(1503|1620|1615|1501):", error));
    }

    private static string[] Errors(string body) =>
        InMemoryCompilation.Errors(Prelude + body + "} }", typeof(Mshv.MshvDevice));
}
