#!/usr/bin/env bash
# Coverage-guided fuzzing of one input reader or reply parser with afl-fuzz and SharpFuzz, bounded in time.
#
#   scripts/fuzz.sh list                         the targets (name and what is fed)
#   scripts/fuzz.sh [--no-build] TARGET SECONDS  fuzz TARGET for SECONDS (1..3600), then keep what it found
#
# --no-build reuses the harness's last Release build (fuzz/UsageSchema.Fuzz/bin/Release), for several targets in a row.
#
# Steps: installs afl++ when missing (Debian's `afl++`, with apt-get as root, like ensure-postgres.sh), restores
# the pinned sharpfuzz tool (.config/dotnet-tools.json), builds fuzz/UsageSchema.Fuzz in Release, copies its output
# to artifacts/fuzz/bin and instruments the code under test there (UsageSchema.dll, usage-schema.dll; the harness,
# the framework and the packages are not), then runs afl-fuzz -V SECONDS on the corpus fuzz/corpus/TARGET/ with the
# dictionaries of fuzz/dictionaries/. Afterwards:
#   - new queue entries are minimised with afl-cmin (falling back to the smallest new entries when afl-cmin fails)
#     and at most MAX_NEW of them, each at most MAX_BYTES, join fuzz/corpus/TARGET/ as afl-<sha1>;
#   - crashes that the uninstrumented harness reproduces are copied to fuzz/crashes/TARGET/crash-<sha1>, printed,
#     and replayed to show what broke (SharpFuzz reports a timed-out child as a crash: those are listed apart);
#   - the run's figures (execs, corpus, edges, crashes, hangs) are printed and written to artifacts/fuzz/TARGET/summary.txt.
# Bounded: afl-fuzz runs under nice -n 19 on no fixed core (AFL_NO_AFFINITY) and is killed SECONDS+120 s after it
# starts if it has not stopped by itself. Nothing uses the network. Exit 0 when no crash was found, 1 when one was.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/artifacts/fuzz"
bin="$work/bin"
harness="$root/fuzz/UsageSchema.Fuzz"
max_new="${FUZZ_MAX_NEW:-16}"
max_bytes="${FUZZ_MAX_BYTES:-2048}"
max_corpus="${FUZZ_MAX_CORPUS:-48}"

usage() {
    echo "usage: scripts/fuzz.sh list | [--no-build] TARGET SECONDS   (SECONDS: 1..3600)" >&2
    exit 64
}

[[ $# -ge 1 ]] || usage

build=1
if [[ "$1" == "--no-build" ]]; then
    build=0
    shift
fi
[[ $# -ge 1 ]] || usage

# The copy in artifacts/fuzz/bin is the one instrumented; the build output itself stays uninstrumented (for replays).
build_harness() {
    if (( build )) || [[ ! -f "$harness/bin/Release/net10.0/UsageSchema.Fuzz.dll" ]]; then
        echo "fuzz: building $harness (Release)..."
        nice -n 10 dotnet build "$harness" -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
    fi
    rm -rf "$bin"
    cp -a "$harness/bin/Release/net10.0" "$bin"
}

mkdir -p "$work"
if [[ "$1" == "list" ]]; then
    build_harness
    dotnet "$bin/UsageSchema.Fuzz.dll" list
    exit 0
fi

[[ $# -eq 2 ]] || usage
target="$1"
seconds="$2"
[[ "$seconds" =~ ^[0-9]+$ ]] && (( seconds >= 1 && seconds <= 3600 )) || usage
corpus="$root/fuzz/corpus/$target"
[[ -d "$corpus" ]] || { echo "fuzz: no corpus folder fuzz/corpus/$target (see scripts/fuzz.sh list)" >&2; exit 64; }

if ! command -v afl-fuzz >/dev/null 2>&1; then
    if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        echo "fuzz: afl-fuzz is not installed; install afl++ (sudo apt-get install afl++)." >&2
        exit 1
    fi
    echo "fuzz: installing afl++ (apt-get install afl++)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi

echo "fuzz: restoring the sharpfuzz tool..."
(cd "$root" && dotnet tool restore >/dev/null)
build_harness
dotnet "$bin/UsageSchema.Fuzz.dll" list | cut -f1 | grep -qx "$target" || { echo "fuzz: unknown target '$target'" >&2; exit 64; }
for assembly in UsageSchema.dll usage-schema.dll; do
    echo "fuzz: instrumenting $assembly"
    (cd "$root" && dotnet sharpfuzz "$bin/$assembly" >/dev/null)
done

dictionaries=()
case "$target" in
    csv) dictionaries=(-x "$root/fuzz/dictionaries/csv.dict") ;;
    sacct) dictionaries=(-x "$root/fuzz/dictionaries/sacct.dict") ;;
    gateway-reply) dictionaries=(-x "$root/fuzz/dictionaries/gateway-reply.dict") ;;
    *) dictionaries=(-x "$root/fuzz/dictionaries/json.dict") ;;
esac

seeds="$(find "$corpus" -maxdepth 1 -type f | wc -l)"
out="$work/$target"
rm -rf "$out"
mkdir -p "$out"
# The uninstrumented dotnet host is not what afl-fuzz checks for; SharpFuzz's fork server in the harness talks to it.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_FORKSRV_INIT_TMOUT=60000 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet_host="$(readlink -f "$(command -v dotnet)")"
command=("$dotnet_host" "$bin/UsageSchema.Fuzz.dll" "$target")

echo "fuzz: afl-fuzz on $target for $seconds s (log: artifacts/fuzz/$target/afl.log)"
status=0
nice -n 19 timeout --kill-after=30 $((seconds + 120)) \
    afl-fuzz -V "$seconds" -i "$corpus" -o "$out/findings" -t 10000+ -m none "${dictionaries[@]}" -- "${command[@]}" \
    >"$out/afl.log" 2>&1 || status=$?
findings="$out/findings/default"
if [[ ! -f "$findings/fuzzer_stats" ]]; then
    echo "fuzz: afl-fuzz stopped without results (exit $status):" >&2
    tail -n 30 "$out/afl.log" >&2
    exit 1
fi

# Minimise the queue (seeds and finds) to the entries that each add coverage; keep the new ones, small and few.
mkdir -p "$out/queue" "$out/min"
find "$findings/queue" -maxdepth 1 -type f -name 'id:*' -size -"$((max_bytes + 1))"c -exec cp {} "$out/queue/" \;
if ! nice -n 19 timeout 600 afl-cmin -i "$out/queue" -o "$out/min" -t 5000 -m none -- "${command[@]}" >"$out/cmin.log" 2>&1 \
    || [[ -z "$(ls -A "$out/min")" ]]; then
    echo "fuzz: afl-cmin did not work (see artifacts/fuzz/$target/cmin.log); keeping the smallest new queue entries instead"
    rm -rf "$out/min"
    mkdir -p "$out/min"
    find "$out/queue" -type f -name '*+cov*' -exec cp {} "$out/min/" \;
fi
declare -A known=()
for file in "$corpus"/*; do
    [[ -f "$file" ]] && known["$(sha1sum <"$file" | cut -c1-40)"]=1
done
added=0
while IFS= read -r file; do
    (( added < max_new )) || break
    (( $(find "$corpus" -maxdepth 1 -type f | wc -l) < max_corpus )) || break
    sum="$(sha1sum <"$file" | cut -c1-40)"
    [[ -z "${known[$sum]:-}" ]] || continue
    [[ -s "$file" ]] || continue
    cp "$file" "$corpus/afl-${sum:0:12}"
    known["$sum"]=1
    added=$((added + 1))
done < <(find "$out/min" -type f -printf '%s %p\n' | sort -n | cut -d' ' -f2-)

# SharpFuzz's out-of-process server reports a child that died as a crash, and afl-fuzz kills a child that overran -t:
# on a loaded machine a slow input is "a crash" that is none. So a crash counts only when the uninstrumented harness
# fails on it too; the others are listed, and left in artifacts/.
crashes="$root/fuzz/crashes/$target"
replay=(dotnet "$harness/bin/Release/net10.0/UsageSchema.Fuzz.dll" "$target")
found=0
unreproduced=0
while IFS= read -r file; do
    if "${replay[@]}" "$file" >/dev/null 2>&1; then
        echo "fuzz: not reproduced outside afl-fuzz (a timeout or a killed child): $file"
        unreproduced=$((unreproduced + 1))
        continue
    fi
    mkdir -p "$crashes"
    sum="$(sha1sum <"$file" | cut -c1-40)"
    cp "$file" "$crashes/crash-${sum:0:12}"
    found=$((found + 1))
done < <(find "$findings/crashes" -maxdepth 1 -type f -name 'id:*' 2>/dev/null | sort)

stat() { sed -n "s/^$1 *: *//p" "$findings/fuzzer_stats"; }
{
    echo "target:        $target"
    echo "seconds:       $seconds (afl-fuzz run_time $(stat run_time) s, exit $status)"
    echo "execs:         $(stat execs_done) ($(stat execs_per_sec)/s)"
    echo "corpus:        $(stat corpus_count) queue entries from $seeds seeds, $(stat corpus_found) found"
    echo "edges:         $(stat edges_found) of $(stat total_edges) map entries (bitmap $(stat bitmap_cvg))"
    echo "crashes:       $(stat saved_crashes) saved: $found reproduced (copied to fuzz/crashes/$target/), $unreproduced not reproduced outside afl-fuzz"
    echo "hangs:         $(stat saved_hangs) saved (in artifacts/fuzz/$target/findings/default/hangs/)"
    echo "corpus added:  $added file(s) to fuzz/corpus/$target/"
} | tee "$out/summary.txt"

if (( found > 0 )); then
    echo
    echo "fuzz: crashes of $target (reproduce: dotnet run --project fuzz/UsageSchema.Fuzz -c Release -- $target FILE):"
    for file in "$crashes"/crash-*; do
        echo "--- $file"
        head -c 512 "$file" | od -An -c | head -n 12
    done
    "${replay[@]}" "$crashes"/crash-* | grep -v '^ok ' | head -n 60 || true
    exit 1
fi
