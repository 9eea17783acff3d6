using System.Linq;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Generator.Selection;
using Mshv.Tests.Generator.Support;
using Xunit;

namespace Mshv.Tests.Flexible;

/// <summary>What the generator emits for requests whose argument ends in a flexible array, and what it reports.</summary>
public sealed class FlexibleArrayEmissionTests
{
    private const string Header = """
        #include <linux/ioctl.h>
        struct item { unsigned int a; unsigned int b; };
        struct counted { unsigned int nr; unsigned int flags; struct item items[]; };
        struct uncounted { unsigned int flags; unsigned int mode; struct item items[0]; };
        #define GET_COUNTED _IOWR('x', 1, struct counted)
        #define SET_UNCOUNTED _IOW('x', 2, struct uncounted)
        """;

    private const string Template = """
        abi 1
        target x86_64-pc-linux-gnu
        header test.h

        struct counted size={{sizeof(struct counted)}} align={{_Alignof(struct counted)}} at=test.h:3
          field nr bit={{offsetof(struct counted, nr)*8}} type=u32 c="unsigned int" at=test.h:3
          field flags bit={{offsetof(struct counted, flags)*8}} type=u32 c="unsigned int" at=test.h:3
          field items bit={{offsetof(struct counted, items)*8}} type=record:item[0] c="struct item[]" at=test.h:3

        struct item size={{sizeof(struct item)}} align={{_Alignof(struct item)}} at=test.h:2
          field a bit={{offsetof(struct item, a)*8}} type=u32 c="unsigned int" at=test.h:2
          field b bit={{offsetof(struct item, b)*8}} type=u32 c="unsigned int" at=test.h:2

        struct uncounted size={{sizeof(struct uncounted)}} align={{_Alignof(struct uncounted)}} at=test.h:4
          field flags bit={{offsetof(struct uncounted, flags)*8}} type=u32 c="unsigned int" at=test.h:4
          field mode bit={{offsetof(struct uncounted, mode)*8}} type=u32 c="unsigned int" at=test.h:4
          field items bit={{offsetof(struct uncounted, items)*8}} type=record:item[0] c="struct item[0]" at=test.h:4

        ioctl GET_COUNTED request=0x{{x:GET_COUNTED}} dir=readwrite type=0x{{x:_IOC_TYPE(GET_COUNTED)}} nr=0x{{x:_IOC_NR(GET_COUNTED)}} size={{_IOC_SIZE(GET_COUNTED)}} arg="struct counted" argtype=record:counted at=test.h:5
        ioctl SET_UNCOUNTED request=0x{{x:SET_UNCOUNTED}} dir=write type=0x{{x:_IOC_TYPE(SET_UNCOUNTED)}} nr=0x{{x:_IOC_NR(SET_UNCOUNTED)}} size={{_IOC_SIZE(SET_UNCOUNTED)}} arg="struct uncounted" argtype=record:uncounted at=test.h:6

        end
        """;

    private static readonly string Model = CLayoutTemplate.Fill(Template, Header);

    [Fact]
    public void A_counted_flexible_argument_gets_the_buffer_descriptor_and_no_struct_one()
    {
        EmitResult result = GeneratedCode.Emit(Model);

        string ioctls = Type(result, "TestIoctls");
        Assert.Contains("IoctlFlexible<counted, item> GET_COUNTED", ioctls);
        Assert.DoesNotContain("IoctlReadWrite<counted>", ioctls);
        Assert.Contains("IFlexibleArrayRecord<counted, item>", Type(result, "counted"));
        Assert.Contains("GetCount(in counted record) => (ulong)record.nr;", Type(result, "counted"));
        Assert.Empty(GeneratedCode.Problems(GeneratedCode.Compile(result.Files.Select(f => f.Source))));
    }

    [Fact]
    public void MSHV0020_an_uncounted_flexible_argument_is_reported_at_the_request_and_gets_no_descriptor()
    {
        EmitResult result = GeneratedCode.Emit(Model);

        EmitDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.FlexibleArrayCount, diagnostic.Id);
        Assert.False(diagnostic.IsError);
        Assert.Equal("test.h:6", diagnostic.HeaderLocation!.ToString());
        Assert.Contains("'count uncounted FIELD'", diagnostic.Message);
        Assert.Contains("candidates: flags, mode", diagnostic.Message);
        Assert.DoesNotContain("SET_UNCOUNTED =", Type(result, "TestIoctls"));
    }

    [Fact]
    public void A_count_line_in_the_selection_file_names_the_count_field()
    {
        EmitResult result = EmitWith("count uncounted mode\n");

        Assert.Empty(result.Diagnostics);
        Assert.Contains("IoctlFlexible<uncounted, item> SET_UNCOUNTED", Type(result, "TestIoctls"));
        Assert.Contains("(ulong)record.mode;", Type(result, "uncounted"));
        Assert.Empty(GeneratedCode.Problems(GeneratedCode.Compile(result.Files.Select(f => f.Source))));
    }

    [Fact]
    public void A_count_line_naming_no_integer_field_is_reported_with_the_selection_line()
    {
        EmitResult result = EmitWith("# counts\ncount uncounted items\n");

        EmitDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.FlexibleArrayCount, diagnostic.Id);
        Assert.Contains("MshvSelection.txt:2 names 'items'", diagnostic.Message);
    }

    [Fact]
    public void A_dash_count_line_declares_the_array_countless_silently()
    {
        EmitResult result = EmitWith("count uncounted -\n");

        Assert.Empty(result.Diagnostics);
        Assert.DoesNotContain("SET_UNCOUNTED =", Type(result, "TestIoctls"));
    }

    [Fact]
    public void Directive_lines_do_not_narrow_the_selection()
    {
        SelectionFile file = SelectionFile.Parse("MshvSelection.txt", "count uncounted mode\nkinds GET_COUNTED vcpu\n");

        Assert.Empty(file.Names);
        Assert.Equal(new[] { "count", "kinds" }, file.Directives.Select(d => d.Keyword));
        Assert.Equal(2, file.Directives[1].Location.Line);
    }

    private static EmitResult EmitWith(string selection) => BindingEmitter.EmitText(
        Model,
        "test.abi",
        new EmitOptions(GeneratedCode.Namespace, "Test", EmitIoctlSupportTypes: true) { Directives = SelectionFile.Parse("MshvSelection.txt", selection).Directives });

    /// <summary>One type of the model's one file (the constants class names every request too).</summary>
    private static string Type(EmitResult result, string name) =>
        GeneratedTypes.Of(result.Files.Single(f => f.HintName == "Test.Bindings.g.cs").Source, name);
}
