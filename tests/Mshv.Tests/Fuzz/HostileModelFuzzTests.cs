using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mshv.Abi;
using Mshv.Generator.Selection;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Scanner;
using Xunit;
using Xunit.Abstractions;

namespace Mshv.Tests.Fuzz;

/// <summary>
/// A bounded, seeded fuzz of the generator with damaged real models (the seed's mshv.abi and a slice of the system's
/// kvm.h scanned here). For every mutant: no exception escapes, and either an MSHV error at a file and line or C#
/// that compiles, and never a contradictory model accepted.
/// CI runs <see cref="DefaultMutants"/> mutants from seed 1; a longer run: <c>MSHV_FUZZ_MUTANTS=20000</c>
/// (and <c>MSHV_FUZZ_SEED=N</c> for another series). A failing mutant prints its seed; make it a file under
/// <c>Fixtures/hostile/</c> once fixed (see <see cref="HostileRegressionTests"/>).
/// </summary>
public sealed class HostileModelFuzzTests
{
    public const int DefaultMutants = 300;

    /// <summary>Figures of the last run, beside the test assembly, for .ci/run to print.</summary>
    public const string FiguresFile = "hostile-model-fuzz.txt";

    private static readonly string[] KvmSlice =
    {
        "kvm_run", "kvm_regs", "kvm_sregs", "kvm_cpuid2", "kvm_nested_state", "kvm_irq_routing_entry", "kvm_userspace_memory_region",
        "kvm_msrs", "kvm_lapic_state", "KVM_RUN", "KVM_GET_REGS", "KVM_SET_CPUID2", "KVM_GET_NESTED_STATE", "KVM_SET_USER_MEMORY_REGION",
        "KVM_CREATE_VM", "KVM_GET_MSRS",
    };

    private readonly ITestOutputHelper _output;

    public HostileModelFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Hostile_models_get_a_located_error_or_compiling_code_never_a_crash()
    {
        int mutants = Setting("MSHV_FUZZ_MUTANTS", DefaultMutants);
        int firstSeed = Setting("MSHV_FUZZ_SEED", 1);
        string[] seeds = { File.ReadAllText(RepoPaths.SeedModel), KvmSliceModel() };
        foreach (string seed in seeds)
        {
            Assert.Equal(MutantOutcome.Compiled, MutantRunner.Run(seed, out string detail));
        }

        var watch = Stopwatch.StartNew();
        var outcomes = new ConcurrentDictionary<MutantOutcome, int>();
        var failures = new ConcurrentBag<string>();
        Parallel.For(0, mutants, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            int seed = firstSeed + i;
            string text = ModelMutator.Mutate(seeds[seed % seeds.Length], seed, out string how);
            MutantOutcome outcome = MutantRunner.Run(text, out string detail);
            outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            if (MutantRunner.IsFailure(outcome))
            {
                failures.Add("seed " + seed + " (" + how + "): " + outcome + "\n" + detail);
            }
        });

        int Count(MutantOutcome outcome) => outcomes.TryGetValue(outcome, out int n) ? n : 0;
        string figures = string.Format(
            CultureInfo.InvariantCulture,
            "hostile-model fuzz: {0} mutants (seeds {1}..{2}) in {3:0.0} s: {4} rejected with a located MSHV error, {5} compiled; "
            + "crashes {6}, non-compiling-without-diagnostic {7}, inconsistent-accepted {8}, unlocated errors {9}",
            mutants, firstSeed, firstSeed + mutants - 1, watch.Elapsed.TotalSeconds, Count(MutantOutcome.RejectedAtLine), Count(MutantOutcome.Compiled),
            Count(MutantOutcome.Crash), Count(MutantOutcome.NonCompilingWithoutDiagnostic), Count(MutantOutcome.InconsistentAccepted), Count(MutantOutcome.UnlocatedError));
        _output.WriteLine(figures);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, FiguresFile), figures + "\n");

        Assert.True(failures.IsEmpty, figures + "\n\n" + string.Join("\n\n", failures.OrderBy(f => f, StringComparer.Ordinal).Take(10)));
        Assert.True(Count(MutantOutcome.RejectedAtLine) > 0 && Count(MutantOutcome.Compiled) > 0, "the mutants must exercise both answers: " + figures);
    }

    /// <summary>A self-contained slice of the system's kvm.h (unions, anonymous members, flexible arrays, ioctls), scanned now.</summary>
    private static string KvmSliceModel()
    {
        AbiModel kvm = SeedModelTests.Scan(ScanSetups.Kvm);
        var names = new HashSet<string>(ModelSelection.SelectableNames(kvm), StringComparer.Ordinal);
        AbiModel slice = ModelSelection.Apply(kvm, KvmSlice.Where(names.Contains).ToList());
        Assert.True(slice.Records.Count >= 10, "the kvm slice lost its records");
        return AbiModelWriter.Write(slice);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
}
