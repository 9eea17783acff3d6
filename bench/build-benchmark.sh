#!/usr/bin/env bash
# Build benchmark: what Mshv costs at build time, as RATIOS from one interleaved run (see docs/benchmarks.md).
#
#   bench/build-benchmark.sh [--rounds N] [--noop-rounds N] [--only scan|build|noop|generator]... [--before GIT-REF]
#
#   scan       the scanner (as the build runs it) against `clang -fsyntax-only` and bindgen on the same headers:
#              the seed, <linux/kvm.h> + <asm/kvm.h>, and every uapi header (see ALL HEADERS below)
#   build      a console app with the packages and <linux/kvm.h> against the same app without them:
#              clean build, no-op rebuild (with --no-restore, and as `dotnet build` runs it, restore included),
#              C#-edit rebuild, header-edit rebuild; the app with the packages twice, as the package builds it by
#              default (MshvBindingsCompile=Assembly: the bindings in an assembly of their own) and with
#              MshvBindingsCompile=Source (the bindings compiled with the app's code)
#   noop       the no-op rebuild alone, in many more rounds (--noop-rounds, default 100): its target is a ratio of
#              1.02, and a 10-round median printed with two decimals cannot tell 1.015 from 1.025. Ratios with three
#              decimals for the app with the packages (both modes) and for a control: the same app with two ordinary
#              library packages instead of Mshv (DiffPlex 1.9.0, Newtonsoft.Json 13.0.4), what any package costs;
#              with --no-restore and as `dotnet build` runs it, restore included
#   generator  the generator in process (seed, kvm, all-headers models) and the Roslyn compile of what it emits;
#              with --before REF also the compile of what REF's generator emits for the same models, interleaved
#              with this tree's (before/after an emitter change as ratios from one run)
#
# Times are CPU time (user + sys of the command and all its children, from bash's `times`), so load from other
# work on the machine inflates them far less than wall time. Builds run with --disable-build-servers so that the
# compiler and MSBuild work happens in child processes and is counted (a build server's CPU would be invisible).
# Each round runs every variant once, alternating which goes first; a ratio is the median (and min) of the
# per-round ratios. --rounds 1 is a quick smoke run; use 5 or more for figures.
#
# Prerequisites: the .NET SDK and gcc the repository needs anyway. Optional (not installed by .ci/run: the benchmark is
# not part of CI): apt-get install clang bindgen (Debian 12: clang 14, bindgen 0.60); without them their ratios are
# skipped with a message, everything else runs.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

rounds=5
noop_rounds=100
only=()
before=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --noop-rounds) noop_rounds=$2; shift 2 ;;
    --only) only+=("$2"); shift 2 ;;
    --before) before=$2; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--noop-rounds N] [--only scan|build|noop|generator]... [--before GIT-REF]" >&2; exit 2 ;;
  esac
done
wants() { [ ${#only[@]} -eq 0 ] || [[ " ${only[*]} " == *" $1 "* ]]; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=${MSHV_BENCH_DIR:-${TMPDIR:-/tmp}/mshv-build-bench}
mkdir -p "$work"
target=x86_64-unknown-linux-gnu
builtin=$(gcc -print-file-name=include)

# cpu CMD...: runs CMD (output discarded) and prints its CPU seconds, children included; fails loudly if CMD fails.
cpu() {
  local out
  out=$( ( "$@" >"$work/last.log" 2>&1 || { echo "FAILED: $*" >&2; tail -20 "$work/last.log" >&2; exit 1; }; times ) | tail -1)
  awk '{ split($1, u, "m"); split($2, s, "m"); printf "%.3f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' <<<"${out//s/}"
}

# stats NAME VALUES...: "NAME  median M  min m  (n)" of the given ratios.
stats() {
  local name=$1; shift
  printf '%s\n' "$@" | sort -g | awk -v name="$name" '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "| %s | %.2f | %.2f | %d |\n", name, m, v[1], NR }'
}
# stats3 NAME VALUES...: the same with three decimals and the mean, for ratios close to 1.
stats3() {
  local name=$1; shift
  printf '%s\n' "$@" | sort -g | awk -v name="$name" '{ v[NR] = $1; sum += $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "| %s | %.3f | %.3f | %.3f | %d |\n", name, m, v[1], sum / NR, NR }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f\n", (b > 0 ? a / b : 0) }'; }

echo "# Mshv build benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $rounds rounds, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(uname -r), dotnet $(dotnet --version), $(clang --version 2>/dev/null | head -1 || echo 'no clang'), $(bindgen --version 2>/dev/null || echo 'no bindgen')"

# The scanner as the Mshv.Generator package ships it: NativeAOT for linux-x64 (docs/benchmarks.md). MSHV_BENCH_TOOL
# overrides it with any command (for example "dotnet src/Mshv.Cli/bin/Release/net10.0/mshv.dll", the JIT build).
if [ -n "${MSHV_BENCH_TOOL:-}" ]; then
  read -ra tool <<<"$MSHV_BENCH_TOOL"
elif ! wants scan && ! wants generator; then
  tool=(false)   # --only build: the consumer builds run the packed tool; no separate publish
else
  echo "publishing the tool (NativeAOT)..." >&2
  dotnet publish src/Mshv.Cli -c Release -r linux-x64 -o "$work/tool" -v:q -nologo >"$work/build-tool.log" 2>&1 \
    || { cat "$work/build-tool.log"; exit 1; }
  tool=("$work/tool/mshv")
fi

# ALL HEADERS: every <linux/*.h> that compiles on its own and reads no libc header (those clash with each other
# when included together); computed once per machine into the work folder, with gcc (always there; clang may not be).
all_list="$work/all-headers.txt"
if [ ! -s "$all_list" ]; then
  echo "listing the uapi headers that compile alone (once)..." >&2
  : >"$all_list"
  for h in /usr/include/linux/*.h; do
    name=linux/${h##*/}
    sys=(-x c - -nostdinc -isystem "$builtin" -isystem /usr/include/x86_64-linux-gnu -isystem /usr/include)
    printf '#include <%s>\n' "$name" | gcc -fsyntax-only "${sys[@]}" >/dev/null 2>&1 || continue
    deps=$(printf '#include <%s>\n' "$name" | gcc -M "${sys[@]}" 2>/dev/null) || continue
    if ! tr ' \\' '\n\n' <<<"$deps" | grep '^/' \
        | grep -v -E "^/usr/include/(linux|asm|asm-generic|x86_64-linux-gnu/asm)/|^$builtin" | grep -q .; then
      echo "$name" >>"$all_list"
    fi
  done
fi

# Inputs: name, headers, extra scanner/clang arguments.
declare -A headers extra
headers[seed]="linux/mshv.h asm/hyperv-tlfs.h asm-generic/hyperv-tlfs.h"
extra[seed]="-I $repo/headers --include linux/ioctl.h"
headers[kvm]="linux/kvm.h asm/kvm.h"
extra[kvm]=""
headers[all]=$(tr '\n' ' ' <"$all_list")
extra[all]=""
inputs=(seed kvm all)

for input in "${inputs[@]}"; do
  main="$work/$input.h"
  printf '#include <%s>\n' ${headers[$input]} >"$main"
  args=(); clang_args=()
  read -ra ex <<<"${extra[$input]}"
  for ((i = 0; i < ${#ex[@]}; i += 2)); do
    case "${ex[i]}" in
      -I) args+=(-I "${ex[i + 1]}"); clang_args+=(-I "${ex[i + 1]}") ;;
      --include) args+=(--include "${ex[i + 1]}"); clang_args+=(-include "${ex[i + 1]}") ;;
    esac
  done
  scan_args=(scan --target $target "${args[@]}"); for h in ${headers[$input]}; do scan_args+=(--header "$h"); done
  printf '%s\n' "${scan_args[@]}" >"$work/$input.scan-args"
  printf '%s\n' -x c -std=gnu11 -target $target -isystem "$builtin" "${clang_args[@]}" >"$work/$input.clang-args"
done

# Exit 3 is "bound with warnings" (the all-headers input has some): a model was written, the scan succeeded.
scan_cmd() { mapfile -t a <"$work/$1.scan-args"; local rc=0; "${tool[@]}" "${a[@]}" --out "$work/$1.abi" || rc=$?; [ $rc -eq 0 ] || [ $rc -eq 3 ]; }
clang_cmd() { mapfile -t a <"$work/$1.clang-args"; clang -fsyntax-only "${a[@]}" "$work/$1.h"; }
bindgen_cmd() { mapfile -t a <"$work/$1.clang-args"; bindgen "$work/$1.h" -o /dev/null -- "${a[@]}"; }

# ---------------------------------------------------------------- scanner
if wants scan || wants generator; then
  for input in "${inputs[@]}"; do scan_cmd "$input" >/dev/null 2>&1 || { echo "scan of $input failed" >&2; scan_cmd "$input"; exit 1; }; done
fi
if wants scan; then
  has_bindgen=0; command -v bindgen >/dev/null && has_bindgen=1
  has_clang=0; command -v clang >/dev/null && has_clang=1
  [ $has_clang -eq 1 ] || echo "clang is not installed: the scan / clang -fsyntax-only ratios are skipped (apt-get install clang)" >&2
  [ $has_bindgen -eq 1 ] || echo "bindgen is not installed: the scan / bindgen ratios are skipped (apt-get install bindgen)" >&2
  echo
  echo "## Scanner: CPU time against clang -fsyntax-only and bindgen (same headers, same arguments)"
  echo
  echo "| input | headers | scan s (median) | clang s | bindgen s |"
  echo "|---|--:|--:|--:|--:|"
  declare -A r_clang r_bindgen
  for input in "${inputs[@]}"; do
    s=(); c=(); b=()
    for ((round = 0; round < rounds; round++)); do
      # Rotate who goes first, so a burst of load does not always land on the same variant.
      order=(scan clang bindgen); [ $((round % 3)) -eq 1 ] && order=(clang bindgen scan); [ $((round % 3)) -eq 2 ] && order=(bindgen scan clang)
      for v in "${order[@]}"; do
        case $v in
          scan) ts=$(cpu scan_cmd "$input") ;;
          clang) if [ $has_clang -eq 1 ]; then tc=$(cpu clang_cmd "$input"); else tc=0; fi ;;
          bindgen) if [ $has_bindgen -eq 1 ]; then tb=$(cpu bindgen_cmd "$input"); else tb=0; fi ;;
        esac
      done
      s+=("$ts"); c+=("$tc"); b+=("$tb")
      [ $has_clang -eq 1 ] && r_clang[$input]+="$(ratio "$ts" "$tc") "
      [ $has_bindgen -eq 1 ] && r_bindgen[$input]+="$(ratio "$ts" "$tb") "
    done
    med() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
    echo "| $input | $(wc -w <<<"${headers[$input]}") | $(med "${s[@]}") | $([ $has_clang -eq 1 ] && med "${c[@]}" || echo -) | $([ $has_bindgen -eq 1 ] && med "${b[@]}" || echo -) |"
  done
  echo
  echo "| ratio | median | min | rounds |"
  echo "|---|--:|--:|--:|"
  for input in "${inputs[@]}"; do
    # shellcheck disable=SC2086
    [ $has_clang -eq 1 ] && stats "$input scan / clang -fsyntax-only" ${r_clang[$input]}
    # shellcheck disable=SC2086
    [ $has_bindgen -eq 1 ] && stats "$input scan / bindgen" ${r_bindgen[$input]}
  done
fi

# ---------------------------------------------------------------- generator (in process)
if wants generator; then
  echo
  echo "## Generator in process (CPU ms, median of $rounds warm rounds; 'generated code' = compile with - without)"
  echo
  dotnet build bench/Mshv.BuildBenchmarks -c Release -v:q -nologo >"$work/build-genbench.log" 2>&1 || { cat "$work/build-genbench.log"; exit 1; }
  cp headers/mshv.abi "$work/seed.abi"
  dotnet bench/Mshv.BuildBenchmarks/bin/Release/net10.0/Mshv.BuildBenchmarks.dll "$rounds" "$work/seed.abi" "$work/kvm.abi" "$work/all.abi"
  if [ -n "$before" ]; then
    # The same models through REF's generator (its mshv generate, built in a worktree of its own) and through this tree's.
    echo "building the generator of $before..." >&2
    rm -rf "$work/before-src"; git worktree prune
    git worktree add --detach "$work/before-src" "$before" >/dev/null 2>&1 || { echo "cannot check out $before" >&2; exit 1; }
    for side in before after; do
      src=$repo; [ $side = before ] && src=$work/before-src
      dotnet build "$src/src/Mshv.Cli" -c Release -v:q -nologo >"$work/build-$side.log" 2>&1 || { cat "$work/build-$side.log"; exit 1; }
      for input in "${inputs[@]}"; do
        rm -rf "$work/gen-$side/$input"
        dotnet "$src/src/Mshv.Cli/bin/Release/net10.0/mshv.dll" generate --model "$work/$input.abi" --namespace App.Interop \
          --out "$work/gen-$side/$input" >/dev/null 2>&1 || { [ $? -eq 3 ] || { echo "mshv generate ($side, $input) failed" >&2; exit 1; }; }
      done
    done
    git worktree remove --force "$work/before-src"
    for input in "${inputs[@]}"; do
      echo
      echo "### $input: the generated code of $before (before) and of this tree (after), compiled interleaved"
      echo
      dotnet bench/Mshv.BuildBenchmarks/bin/Release/net10.0/Mshv.BuildBenchmarks.dll compare "$rounds" \
        "before=$work/gen-before/$input" "after=$work/gen-after/$input"
    done
  fi
fi

# ---------------------------------------------------------------- consumer apps (build, noop)
if wants build || wants noop; then
  apps="$work/apps"
  rm -rf "$apps"; mkdir -p "$apps/feed"
  version=0.1.0-bench.$(date +%s)
  echo "packing $version..." >&2
  for p in src/Mshv.Generator.Package src/Mshv.Bindings; do
    dotnet pack "$p" -o "$apps/feed" -p:Version="$version" -v:q -nologo >"$work/pack.log" 2>&1 || { cat "$work/pack.log"; exit 1; }
  done
  app_names=(with source without); wants noop && app_names+=(control)
  for app in "${app_names[@]}"; do
    d="$apps/$app"; mkdir -p "$d/uapi"
    printf '#include <linux/kvm.h>\n#define MSHV_BENCH_EDIT 0\n' >"$d/uapi/bench.h"
    echo 'internal static class Program { private static void Main() => System.Console.WriteLine("hello"); }' >"$d/Program.cs"
    cat >"$d/nuget.config" <<EOF
<configuration><packageSources><clear /><add key="bench" value="$apps/feed" /><add key="nuget" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
EOF
    packages=""; items=""; mode=""
    [ $app = source ] && mode="<MshvBindingsCompile>Source</MshvBindingsCompile>"
    if [ $app = with ] || [ $app = source ]; then
      packages="<PackageReference Include=\"Mshv.Generator\" Version=\"$version\" /><PackageReference Include=\"Mshv.Bindings\" Version=\"$version\" />"
      items='<UapiHeader Include="uapi/bench.h;linux/kvm.h;asm/kvm.h" />'
    fi
    [ $app = control ] && packages='<PackageReference Include="DiffPlex" Version="1.9.0" /><PackageReference Include="Newtonsoft.Json" Version="13.0.4" />'
    cat >"$d/App.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <Nullable>enable</Nullable><MshvNamespace>App.Interop</MshvNamespace>$mode</PropertyGroup>
  <ItemGroup>$packages$items<None Include="uapi/bench.h" /></ItemGroup>
</Project>
EOF
    (cd "$d" && dotnet restore -v:q -nologo >"$work/restore-$app.log" 2>&1) || { cat "$work/restore-$app.log"; exit 1; }
    (cd "$d" && dotnet build --no-restore --disable-build-servers -v:q -nologo >/dev/null 2>&1) || { echo "first build of $app failed" >&2; exit 1; }
  done
  build() { (cd "$apps/$1" && dotnet build --no-restore --disable-build-servers -v:q -nologo); }
  # What a developer types: dotnet build restores first (NuGet's no-op check, with its own evaluation of the project).
  build_with_restore() { (cd "$apps/$1" && dotnet build --disable-build-servers -v:q -nologo); }
  clean_build() { rm -rf "$apps/$1/bin" "$apps/$1/obj/Debug"; build "$1"; }
  cs_edit() { echo "// edit $2" >>"$apps/$1/Program.cs"; build "$1"; }
  header_edit() { echo "#define MSHV_BENCH_EDIT_$2 $2" >>"$apps/$1/uapi/bench.h"; build "$1"; }
fi

# ---------------------------------------------------------------- consumer builds
if wants build; then
  declare -A br bs bw bsrc bo
  measures=(clean noop noop+restore csedit hdredit)
  orders=("with source without" "without with source" "source without with")
  for ((round = 0; round < rounds; round++)); do
    for m in "${measures[@]}"; do
      for app in ${orders[$((round % 3))]}; do
        case $m in
          clean) t=$(cpu clean_build $app) ;;
          noop) t=$(cpu build $app) ;;
          noop+restore) t=$(cpu build_with_restore $app) ;;
          csedit) t=$(cpu cs_edit $app $round) ;;
          hdredit) t=$(cpu header_edit $app $round) ;;
        esac
        case $app in
          with) bw[$m]+="$t "; tw=$t ;;
          source) bsrc[$m]+="$t "; ts=$t ;;
          *) bo[$m]+="$t "; to=$t ;;
        esac
      done
      br[$m]+="$(ratio "$tw" "$to") "
      bs[$m]+="$(ratio "$ts" "$to") "
    done
  done
  echo
  echo "## Consumer builds: app with the packages and <linux/kvm.h> against the same app without (CPU s)"
  echo
  median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2}'; }
  echo "| build | with: bindings assembly (median s) | with: MshvBindingsCompile=Source (median s) | without (median s) |"
  echo "|---|--:|--:|--:|"
  for m in "${measures[@]}"; do
    # shellcheck disable=SC2086
    echo "| $m | $(median ${bw[$m]}) | $(median ${bsrc[$m]}) | $(median ${bo[$m]}) |"
  done
  echo
  echo "| ratio (with / without) | median | min | rounds |"
  echo "|---|--:|--:|--:|"
  for m in "${measures[@]}"; do
    # shellcheck disable=SC2086
    stats "$m" ${br[$m]}
  done
  for m in "${measures[@]}"; do
    # shellcheck disable=SC2086
    stats "$m (Source)" ${bs[$m]}
  done
fi

# ---------------------------------------------------------------- no-op rebuild, many rounds
if wants noop; then
  # The marker of the up-to-date check is not written while an input is younger than the pipeline's start less
  # 3 s: wait that long, and build once more, so that every round below is a true no-op.
  sleep 4
  for app in with source; do build "$app" >/dev/null 2>&1 || { echo "build of $app failed" >&2; exit 1; }; done
  declare -A nr
  noop_apps=(with source control without)
  for ((round = 0; round < noop_rounds; round++)); do
    for m in noop noop+restore; do
      declare -A t=()
      # Rotate who goes first.
      for ((i = 0; i < ${#noop_apps[@]}; i++)); do
        app=${noop_apps[$(((i + round) % ${#noop_apps[@]}))]}
        case $m in
          noop) t[$app]=$(cpu build "$app") ;;
          noop+restore) t[$app]=$(cpu build_with_restore "$app") ;;
        esac
      done
      for app in with source control; do nr["$m $app"]+="$(ratio "${t[$app]}" "${t[without]}") "; done
    done
  done
  echo
  echo "## No-op rebuild: the kvm app with the packages, and a control with two ordinary packages, against the same app without"
  echo
  echo "| no-op rebuild, ratio to the package-free app | median | min | mean | rounds |"
  echo "|---|--:|--:|--:|--:|"
  for m in noop noop+restore; do
    for app in with source control; do
      label="$m, $app"
      [ $app = with ] && label="$m, with Mshv (bindings assembly)"
      [ $app = source ] && label="$m, with Mshv (MshvBindingsCompile=Source)"
      [ $app = control ] && label="$m, control (DiffPlex + Newtonsoft.Json)"
      # shellcheck disable=SC2086
      stats3 "$label" ${nr["$m $app"]}
    done
  done
fi

if wants build || wants noop; then
  # This run's package versions are never asked for again.
  rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/mshv.generator/$version" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/mshv.bindings/$version"
fi
echo
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
