#!/usr/bin/env bash
# Measures what the UsageSchema analyzers cost a consumer's build.
#
# Packs src/UsageSchema, generates a synthetic gateway project with 2,000 object creations of the
# spec types (generate_consumer.py), restores it once into a private packages folder, then, in
# one run, alternates full rebuilds (--no-incremental) with and without the analyzers:
#   with:    dotnet build --no-restore --no-incremental -p:ReportAnalyzer=true -v:d
#   without: dotnet build --no-restore --no-incremental -p:WithoutUsageSchemaAnalyzers=true
# "Without" removes UsageSchema.Analyzers.dll and UsageSchema.CodeFixes.dll from @(Analyzer);
# everything else (the generator, the SDK's analyzers) runs in both. One warm-up build of each
# is not counted. Prints the median wall times, their ratio, and the analyzers' own execution time
# as the compiler reports it (ReportAnalyzer).
#
# Usage: bench/AnalyzerBuild/run.sh [runs]   (default 5; from any directory)
set -euo pipefail

runs="${1:-5}"
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

build() { # build LOG [extra msbuild args...]; prints the wall time in seconds
    local log="$1"; shift
    local start end
    start="$(date +%s.%N)"
    dotnet build --no-restore --no-incremental -tl:off -nologo "$@" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
    end="$(date +%s.%N)"
    python3 -c "print(f'{$end - $start:.2f}')"
}

echo "==> warm-up"
build "$work/warmup-with.log" -p:ReportAnalyzer=true -v:d >/dev/null
build "$work/warmup-without.log" -p:WithoutUsageSchemaAnalyzers=true >/dev/null
if grep -q "warning USG\|error USG" "$work/warmup-with.log"; then
    echo "the synthetic consumer is expected to be clean" >&2; grep "USG" "$work/warmup-with.log" >&2; exit 1
fi
grep -q "UsageSchema.Analyzers.MissingRequiredFieldAnalyzer" "$work/warmup-with.log" || { echo "analyzers did not run" >&2; exit 1; }

with=(); without=(); analyzer=(); total_analyzers=()
for i in $(seq 1 "$runs"); do
    with+=("$(build "$work/with-$i.log" -p:ReportAnalyzer=true -v:d)")
    without+=("$(build "$work/without-$i.log" -p:WithoutUsageSchemaAnalyzers=true -p:ReportAnalyzer=true -v:d)")
    if grep -q "UsageSchema.Analyzers.MissingRequiredFieldAnalyzer" "$work/without-$i.log"; then
        echo "the analyzers ran in the build without them" >&2; exit 1
    fi
    # "   0.276   33   UsageSchema.Analyzers, Version=..." in the compiler's analyzer report.
    analyzer+=("$(grep -E '^\s+<?[0-9.]+\s+<?[0-9]+\s+UsageSchema\.Analyzers, ' "$work/with-$i.log" | head -1 | awk '{print $1}' | tr -d '<')")
    total_analyzers+=("$(grep -E 'Total analyzer execution time' "$work/with-$i.log" | head -1 | grep -oE '[0-9]+\.[0-9]+')")
    echo "run $i: with ${with[-1]} s, without ${without[-1]} s, UsageSchema.Analyzers ${analyzer[-1]} s of ${total_analyzers[-1]} s all analyzers"
done
grep -E '^\s+<?[0-9.]+\s+<?[0-9]+\s+UsageSchema\.Analyzers' "$work/with-$runs.log" | head -3 | sed 's/^ */  last run: /'

python3 - "$creations" "${with[*]}" "${without[*]}" "${analyzer[*]}" "${total_analyzers[*]}" <<'PY'
import statistics, sys
creations = int(sys.argv[1])
with_, without, analyzer, total = ([float(x) for x in arg.split()] for arg in sys.argv[2:6])
w, wo, a, t = (statistics.median(values) for values in (with_, without, analyzer, total))
print()
print(f"object creations:                  {creations}")
print(f"runs (alternating, after warm-up): {len(with_)}")
print(f"build with analyzers    (median):  {w:.2f} s")
print(f"build without analyzers (median):  {wo:.2f} s")
print(f"ratio with / without:              {w / wo:.3f}")
print(f"UsageSchema.Analyzers   (median):  {a:.3f} s  ({a * 1e6 / creations:.0f} us per creation; all analyzers {t:.3f} s)")
PY
