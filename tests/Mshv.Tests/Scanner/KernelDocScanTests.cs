using System;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>
/// Issue 10, item 8: the scanner carries the kernel's own words into the model: kernel-doc blocks (their description for
/// the record, <c>@member:</c> text for each member), the comment right above a declaration, and the trailing comment on
/// its line. Asserted on real headers: the upstream <c>linux/mshv.h</c> (Debian's linux-libc-dev), the system's
/// <c>linux/kvm.h</c>, and the vendored seed.
/// </summary>
public sealed class KernelDocScanTests
{
    private static readonly Lazy<AbiModel> Upstream = new(() => SeedModelTests.Scan(new ScanOptions(
        new[] { "linux/mshv.h" },
        new[] { UpstreamHeaders.IncludeRoot, UpstreamHeaders.AsmRoot("x86_64-linux-gnu") },
        Array.Empty<string>(),
        Array.Empty<string>()) { IoctlPrelude = true }));

    private static readonly Lazy<AbiModel> Kvm = new(() => SeedModelTests.Scan(ScanSetups.Kvm));

    [Fact]
    public void Kernel_doc_block_documents_the_upstream_record_and_each_member()
    {
        AbiRecord region = Upstream.Value.Records.Single(r => r.Name == "mshv_user_mem_region");

        // "struct mshv_user_mem_region - " is the block's header, not the kernel's words about it.
        Assert.StartsWith("arguments for MSHV_SET_GUEST_MEMORY\nMap or unmap a region of userspace memory", region.Doc);
        Assert.Equal("Size of the memory region (bytes). Must be aligned to MSHV_HV_PAGE_SIZE", Field(region, "size").Doc);
        Assert.Equal("Base guest page number to map", Field(region, "guest_pfn").Doc);
        Assert.Equal("MBZ", Field(region, "rsvd").Doc);
    }

    [Fact]
    public void Trailing_comments_document_upstream_members_enumerators_and_nothing_else()
    {
        AbiModel model = Upstream.Value;
        AbiRecord ioeventfd = model.Records.Single(r => r.Name == "mshv_user_ioeventfd");

        Assert.Equal("1, 2, 4, or 8 bytes", Field(ioeventfd, "len").Doc);
        Assert.Equal("legal pio/mmio address", Field(ioeventfd, "addr").Doc);
        Assert.Null(Field(ioeventfd, "fd").Doc);
        Assert.Equal("Local interrupt controller state (either arch)",
            model.Enums.SelectMany(e => e.Constants).Single(c => c.Name == "MSHV_VP_STATE_LAPIC").Doc);
    }

    [Fact]
    public void Comment_above_a_request_documents_it_but_a_section_comment_does_not()
    {
        AbiModel model = Upstream.Value;

        Assert.Equal("Generic hypercall", model.Ioctls.Single(i => i.Name == "MSHV_ROOT_HVCALL").Doc);
        Assert.Equal("Generic hypercall", model.Macros.Single(m => m.Name == "MSHV_ROOT_HVCALL").Doc);
        // "/* Partition fds created with MSHV_CREATE_PARTITION */" heads a group and gives kinds; it documents no request.
        Assert.Null(model.Ioctls.Single(i => i.Name == "MSHV_INITIALIZE_PARTITION").Doc);
        Assert.Equal("The hypervisor's \"native\" page size", model.Macros.Single(m => m.Name == "MSHV_HV_PAGE_SIZE").Doc);
    }

    [Fact]
    public void Kvm_run_and_its_exit_members_carry_the_kernels_words()
    {
        AbiModel model = Kvm.Value;

        Assert.Equal("for KVM_RUN, returned by mmap(vcpu_fd, offset=0)", model.Records.Single(r => r.Name == "kvm_run").Doc);
        AbiRecord io = model.Records.Single(r => r.Name == "kvm_run.io");
        Assert.Equal("KVM_EXIT_IO", io.Doc);
        Assert.Equal("bytes", Field(io, "size").Doc);
        Assert.Equal("relative to kvm_run start", Field(io, "data_offset").Doc);
        Assert.Equal("returns a VM fd", model.Ioctls.Single(i => i.Name == "KVM_CREATE_VM").Doc);
    }

    [Fact]
    public void Function_like_request_macros_carry_their_trailing_comment()
    {
        AbiModel model = SeedModelTests.Scan(new ScanOptions(new[] { "linux/input.h" }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>())
        {
            IoctlPrelude = true,
        });

        Assert.Equal("get device name", model.RequestBuilders.Single(b => b.Name == "EVIOCGNAME").Doc);
        Assert.Equal("get event bits", model.RequestBuilders.Single(b => b.Name == "EVIOCGBIT").Doc);
        Assert.Equal(model, AbiModelReader.Read(AbiModelWriter.Write(model), "input.abi"));
        AbiModel bare = AbiModelReader.Read(Mshv.Tests.Abi.ModelDocTests.WithoutDocs(AbiModelWriter.Write(model)), "bare.abi");
        Assert.True(Mshv.Abi.Diff.AbiDiff.Compare(bare, model).IsEmpty, "abi-diff reports a doc-only change of request builders");
    }

    [Fact]
    public void Seed_comment_above_a_bitfield_documents_it()
    {
        AbiModel model = SeedModelTests.Scan(ScanSetups.Seed);
        AbiRecord features = model.Records.Single(r => r.Name == "hv_partition_processor_features.anon0");

        Assert.Equal("N.B. Begin bank 1 processor features.", Field(features, "acount_mcount_support").Doc);
        Assert.Null(Field(features, "tsc_invariant_support").Doc);
    }

    [Fact]
    public void Kernel_doc_names_members_of_nested_records_by_path_and_every_comment_form_is_read()
    {
        using var headers = new TempHeaders();
        string path = headers.Write("doc.h", """
            /**
             * struct outer - the outer record
             * @io.port: the port, through the nested member
             * @len: documented in the block,
             *       on two lines
             *
             * A second paragraph.
             */
            struct outer {
            	struct {
            		unsigned short port;
            	} io;
            	unsigned int len; /* and after it */
            	// a line comment
            	// on two lines
            	unsigned int a, b; /* only the last declarator */
            	/*
            	 * Hostile: </summary> & < "quoted" \ back\slash, ünïcode
            	 */
            	unsigned int hostile;

            	unsigned int far;
            };

            /**
             * enum demo_state - states of the demo
             * @DEMO_OFF: switched off
             * @DEMO_ON: switched on
             */
            enum demo_state {
            	DEMO_OFF,
            	DEMO_ON, /* and running */
            };
            """);

        AbiModel model = SeedModelTests.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
        AbiRecord outer = model.Records.Single(r => r.Name == "outer");

        Assert.Equal("the outer record\nA second paragraph.", outer.Doc);
        Assert.Equal("the port, through the nested member", Field(model.Records.Single(r => r.Name == "outer.io"), "port").Doc);
        Assert.Equal("documented in the block, on two lines\nand after it", Field(outer, "len").Doc);
        Assert.Equal("a line comment on two lines", Field(outer, "a").Doc);
        Assert.Equal("a line comment on two lines\nonly the last declarator", Field(outer, "b").Doc);
        Assert.Equal("Hostile: </summary> & < \"quoted\" \\ back\\slash, ünïcode", Field(outer, "hostile").Doc);
        Assert.Null(Field(outer, "far").Doc);
        AbiEnum states = model.Enums.Single(e => e.Name == "demo_state");
        Assert.Equal("states of the demo", states.Doc);
        Assert.Equal("switched off", states.Constants[0].Doc);
        Assert.Equal("switched on\nand running", states.Constants[1].Doc);
        Assert.Equal(model, AbiModelReader.Read(AbiModelWriter.Write(model), "doc.abi"));
    }

    [Fact]
    public void Comment_markers_inside_string_and_character_literals_start_no_comment()
    {
        using var headers = new TempHeaders();
        string path = headers.Write("literals.h", """
            #define QUOTE_CHAR '"'
            #define NOT_A_COMMENT "not /* a comment"
            #define AFTER 1 /* the comment after AFTER */
            #define URL "http://example.org"
            #define LAST 2 // a line comment after LAST
            """);

        AbiModel model = SeedModelTests.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));

        Assert.Equal("the comment after AFTER", model.Macros.Single(m => m.Name == "AFTER").Doc);
        Assert.Equal("a line comment after LAST", model.Macros.Single(m => m.Name == "LAST").Doc);
    }

    private static AbiField Field(AbiRecord record, string name) => record.Fields.Single(f => f.Name == name);
}
