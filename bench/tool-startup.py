#!/usr/bin/env python3
"""The mshv tool's start-up, ReadyToRun against NativeAOT, in one interleaved run (docs/benchmarks.md).

Builds both from this checkout unless given: the ReadyToRun tool as `dotnet pack src/Mshv.Tool` packs it (the
package's tools/net10.0/linux-x64 folder) and the NativeAOT executable as the Mshv.Generator package publishes
src/Mshv.Cli. Each round runs every case once with each build, alternating which goes first; CPU time (user + system)
of the child process is compared, so other load on the machine counts less than in wall time. Prints per case the
median of each and the median of the per-round ratios.

    bench/tool-startup.py [--rounds 15] [--r2r DIR] [--aot FILE]
"""
import argparse, os, statistics, subprocess, sys, tempfile, zipfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def publish(out):
    feed = os.path.join(out, "feed")
    r2r = os.path.join(out, "r2r")
    aot = os.path.join(out, "aot")
    subprocess.run(["dotnet", "pack", os.path.join(root, "src/Mshv.Tool"), "-c", "Release", "-o", feed, "-nodeReuse:false", "-v:q"],
                   check=True, stdout=subprocess.DEVNULL)
    package = [f for f in os.listdir(feed) if f.endswith(".nupkg")][0]
    with zipfile.ZipFile(os.path.join(feed, package)) as nupkg:
        nupkg.extractall(r2r, [n for n in nupkg.namelist() if n.startswith("tools/")])
    r2r = os.path.join(r2r, "tools", "net10.0", "linux-x64")
    for name in ("Mshv.Tool", "mshv"):
        os.chmod(os.path.join(r2r, name), 0o755)
    subprocess.run(["dotnet", "publish", os.path.join(root, "src/Mshv.Cli"), "-c", "Release", "-r", "linux-x64", "--self-contained",
                    "-p:PublishAot=true", "-o", aot, "-nodeReuse:false", "-v:q"], check=True, stdout=subprocess.DEVNULL)
    return r2r, os.path.join(aot, "mshv")


def cpu_seconds(argv, ok):
    """CPU seconds of one run of argv (its own rusage, from wait4); fails loudly if the command fails."""
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        sys.exit("failed (%d): %s\n%s" % (code, " ".join(argv), child.stderr.read().decode()))
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--r2r", help="the tools/net10.0/linux-x64 folder of a packed Mshv.Tool (ReadyToRun)")
    parser.add_argument("--aot", help="a NativeAOT mshv executable")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mshv-tool-bench-") as work:
        r2r_dir, aot = (args.r2r, args.aot) if args.r2r and args.aot else publish(work)
        r2r = [os.path.join(r2r_dir, "Mshv.Tool")]
        libclang = os.path.join(r2r_dir, "libclang.so")
        model = os.path.join(root, "headers/upstream/mshv.abi")
        seed = os.path.join(root, "headers/mshv.abi")
        out = os.path.join(work, "out.abi")
        cases = {
            # argv, the exit codes that mean it ran (abi-diff exits 1 when it found breaking changes, scan 3 with warnings)
            "--help": (["--help"], (0,)),
            "ioctls (a model, no libclang)": (["ioctls", "--model", model], (0,)),
            "abi-diff seed -> upstream": (["abi-diff", seed, model], (0, 1)),
            "scan linux/hidraw.h": (["scan", "--header", "linux/hidraw.h", "--libclang", libclang, "--out", out], (0, 3)),
            "scan linux/kvm.h": (["scan", "--header", "linux/kvm.h", "--libclang", libclang, "--out", out], (0, 3)),
        }
        times = {name: {"r2r": [], "aot": []} for name in cases}
        for round_ in range(args.rounds):
            for name, (argv, ok) in cases.items():
                order = [("r2r", r2r), ("aot", [aot])] if round_ % 2 == 0 else [("aot", [aot]), ("r2r", r2r)]
                for label, command in order:
                    times[name][label].append(cpu_seconds(command + argv, ok))
        print("%-32s %12s %12s %10s" % ("case (CPU s, median)", "ReadyToRun", "NativeAOT", "AOT/R2R"))
        for name in cases:
            r, a = times[name]["r2r"], times[name]["aot"]
            ratio = statistics.median(x / y for x, y in zip(a, r) if y > 0)
            print("%-32s %12.3f %12.3f %10.2f" % (name, statistics.median(r), statistics.median(a), ratio))
        print("rounds: %d, load average at the end: %.1f" % (args.rounds, os.getloadavg()[0]))


main()
