#!/usr/bin/env bash
# Measures what the UsageSchema analyzers (and the generator) cost a consumer's build.
#
# Packs src/UsageSchema, generates a synthetic gateway project with 2,000 object creations of the
# spec types (generate_consumer.py), restores it once into a private packages folder, then, in
# one run, interleaves full rebuilds (--no-incremental, compiler server as in a normal build) of
# three kinds, in an order that turns round every run (with, without, none; then none, without,
# with), after one warm-up build of each:
#   with:    dotnet build --no-restore --no-incremental
#   without: dotnet build --no-restore --no-incremental -p:WithoutUsageSchemaAnalyzers=true
#   none:    dotnet build --no-restore --no-incremental -p:WithoutUsageSchemaComponents=true
# "without" removes UsageSchema.Analyzers.dll and UsageSchema.CodeFixes.dll from @(Analyzer) (the
# generator stays); "none" removes the generator too: the library referenced and nothing else.
# The timed builds are ordinary builds: no ReportAnalyzer, no detailed log (both slow the
# analyzers down more than the baseline). The analyzers' own time (the compiler's ReportAnalyzer
# figure) comes from separate profiling builds after the timed ones, which also prove that the
# analyzers ran in "with" and not in the others. Prints the load average, the median wall times,
# the ratios (of the medians, and the median of each run's ratio), and the analyzers' own time.
#
# Then the in-process measure, which survives a noisy machine: the analyzers' own time (the
# driver's telemetry) against the compilation's, best of several runs (bench/UsageSchema.Benchmarks
# --analyzer-cost, on the consumer's own compile inputs as its build resolved them). The whole-build
# figure is the user's figure; the in-process one says what the analyzers themselves cost.
#
# Usage: bench/AnalyzerBuild/run.sh [runs]                 (default 5; from any directory)
#        bench/AnalyzerBuild/run.sh --analyzer-cost [runs] (the in-process measure only; default 7)
set -euo pipefail

only_cost=false
if [[ "${1:-}" == "--analyzer-cost" ]]; then only_cost=true; shift; fi
runs="${1:-5}"
cost_runs="${1:-7}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d -t usageschema-analyzer-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "==> dotnet pack src/UsageSchema (Release) into $work/feed"
dotnet pack "$root/src/UsageSchema" -c Release -o "$work/feed" -v:q -nologo >/dev/null
version="$(basename "$(ls "$work"/feed/UsageSchema.*.nupkg)" .nupkg)"
version="${version#UsageSchema.}"

echo "==> generating the consumer (UsageSchema $version)"
creations="$(python3 "$here/generate_consumer.py" "$work/consumer" "$version")"
cat > "$work/consumer/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="feed" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="feed"><package pattern="UsageSchema" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CONFIG
cd "$work/consumer"
dotnet restore --packages "$work/packages" -v:q >/dev/null

analyzer_cost() { # the in-process measure, on the compile inputs of a build with the analyzers
    echo "==> in process: the analyzers' own time against the compilation's (best of $cost_runs)"
    dotnet build --no-restore -tl:off -nologo -t:Build -getItem:Compile -getItem:ReferencePathWithRefAssemblies -getItem:Analyzer \
        -getProperty:DefineConstants >"$work/inputs.json" 2>"$work/inputs.log" || { cat "$work/inputs.log" "$work/inputs.json" >&2; exit 1; }
    dotnet build "$root/bench/UsageSchema.Benchmarks" -c Release -v:q -nologo >"$work/bench-build.log" 2>&1 || { cat "$work/bench-build.log" >&2; exit 1; }
    dotnet "$root/bench/UsageSchema.Benchmarks/bin/Release/net10.0/UsageSchema.Benchmarks.dll" --analyzer-cost "$work/inputs.json" "$cost_runs"
}

if $only_cost; then
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    analyzer_cost
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    exit 0
fi

build() { # build LOG [extra msbuild args...]; prints the wall time in seconds
    local log="$1"; shift
    local start end
    start="$(date +%s.%N)"
    dotnet build --no-restore --no-incremental -tl:off -nologo "$@" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
    end="$(date +%s.%N)"
    python3 -c "print(f'{$end - $start:.2f}')"
}

echo "==> warm-up"
build "$work/warmup-with.log" >/dev/null
build "$work/warmup-without.log" -p:WithoutUsageSchemaAnalyzers=true >/dev/null
build "$work/warmup-none.log" -p:WithoutUsageSchemaComponents=true >/dev/null
if grep -q "warning USG\|error USG" "$work/warmup-with.log"; then
    echo "the synthetic consumer is expected to be clean" >&2; grep "USG" "$work/warmup-with.log" >&2; exit 1
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
with=(); without=(); none=()
for i in $(seq 1 "$runs"); do
    if (( i % 2 == 1 )); then order=(with without none); else order=(none without with); fi
    for kind in "${order[@]}"; do
        case "$kind" in
            with) with+=("$(build "$work/with-$i.log")") ;;
            without) without+=("$(build "$work/without-$i.log" -p:WithoutUsageSchemaAnalyzers=true)") ;;
            none) none+=("$(build "$work/none-$i.log" -p:WithoutUsageSchemaComponents=true)") ;;
        esac
    done
    echo "run $i: with ${with[-1]} s, without ${without[-1]} s, none ${none[-1]} s"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Profiling builds: the compiler's per-analyzer times, and proof of what ran in each kind.
analyzer=(); total_analyzers=()
profiles="$(( runs < 2 ? runs : 2 ))"
for i in $(seq 1 "$profiles"); do
    build "$work/profile-with-$i.log" -p:ReportAnalyzer=true -v:d >/dev/null
    grep -q "UsageSchema.Analyzers.MissingRequiredFieldAnalyzer" "$work/profile-with-$i.log" || { echo "analyzers did not run" >&2; exit 1; }
    # "   0.276   33   UsageSchema.Analyzers, Version=..." in the compiler's analyzer report.
    analyzer+=("$(grep -E '^\s+<?[0-9.]+\s+<?[0-9]+\s+UsageSchema\.Analyzers, ' "$work/profile-with-$i.log" | head -1 | awk '{print $1}' | tr -d '<')")
    total_analyzers+=("$(grep -E 'Total analyzer execution time' "$work/profile-with-$i.log" | head -1 | grep -oE '[0-9]+\.[0-9]+')")
    echo "profile $i: UsageSchema.Analyzers ${analyzer[-1]} s of ${total_analyzers[-1]} s all analyzers"
done
grep -E '^\s+<?[0-9.]+\s+<?[0-9]+\s+UsageSchema\.(Analyzers|Generators)' "$work/profile-with-$profiles.log" | head -6 | sed 's/^ */  last profile: /'
build "$work/profile-without.log" -p:WithoutUsageSchemaAnalyzers=true -p:ReportAnalyzer=true -v:d >/dev/null
build "$work/profile-none.log" -p:WithoutUsageSchemaComponents=true -p:ReportAnalyzer=true -v:d >/dev/null
if grep -q "UsageSchema.Analyzers.MissingRequiredFieldAnalyzer" "$work/profile-without.log" "$work/profile-none.log"; then
    echo "the analyzers ran in a build without them" >&2; exit 1
fi
if grep -qE '^\s+<?[0-9.]+\s+<?[0-9]+\s+UsageSchema\.Generators' "$work/profile-none.log"; then
    echo "the generator ran in the build without any component" >&2; exit 1
fi

python3 - "$creations" "${with[*]}" "${without[*]}" "${none[*]}" "${analyzer[*]}" "${total_analyzers[*]}" <<'PY'
import statistics, sys
creations = int(sys.argv[1])
with_, without, none, analyzer, total = ([float(x) for x in arg.split()] for arg in sys.argv[2:7])
w, wo, n, a, t = (statistics.median(values) for values in (with_, without, none, analyzer, total))
print()
print(f"object creations:                  {creations}")
print(f"runs (alternating, after warm-up): {len(with_)}")
print(f"build with analyzers    (median):  {w:.2f} s")
print(f"build without analyzers (median):  {wo:.2f} s")
print(f"build without any component (median): {n:.2f} s")
print(f"ratio with / without:              {w / wo:.3f}")
print(f"ratio with / without any component: {w / n:.3f}")
# On a busy machine the medians of the three series can come from different moments; the ratio
# of the builds of one run (taken seconds apart) is the steadier figure.
print(f"median of the runs' ratios with / without: {statistics.median(a / b for a, b in zip(with_, without)):.3f}")
print(f"median of the runs' ratios with / none:    {statistics.median(a / b for a, b in zip(with_, none)):.3f}")
print(f"UsageSchema.Analyzers   (median):  {a:.3f} s  ({a * 1e6 / creations:.0f} us per creation; all analyzers {t:.3f} s)")
PY
echo
analyzer_cost
