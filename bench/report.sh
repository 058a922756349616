#!/usr/bin/env bash
# Produces bench/README.md: every figure measured on this machine in one run, each next to its
# baseline measured in the same run.
#
#   bench/report.sh            full report (about 15-20 minutes on a 2-core machine)
#   bench/report.sh --quick    small N and BenchmarkDotNet's dry job: checks the script works
#                              in a couple of minutes; the README it writes says QUICK at the top
#
# Options (after --quick, if any): --records N (packing-wire, end-to-end and memory baseline N,
# default 1,000,000; quick 100,000), --stream-records N (streaming memory N, default 10,000,000;
# quick 1,000,000), --kill-records N (the killed send, default the stream N; quick the N),
# --kill-after SEC (default 60; quick 3), --analyzer-runs N (default 5; quick 1), --out FILE (default bench/README.md),
# --keep (keep the work folder with the raw outputs; it is printed either way).
#
# What it runs (each step prints its progress):
#   1. dotnet build -c Release of bench/UsageSchema.Benchmarks and src/UsageSchema.Cli
#   2. BenchmarkDotNet (--job short; quick: --job dry) for packing, validation, upsert keys and
#      the generator, exported as JSON
#   3. the packing paths' wire output for N records (--packing-wire N)
#   4. end to end: `usage-schema emulate` on a free loopback port (SQLite file), a JSONL file of N
#      records, `usage-schema send amie FILE --url ...` timed as a process, then the emulator's
#      stored rows counted; once per send variant (direct / outbox, see send_variants below)
#   5. memory: --stream STREAM_N, --stream N and --materialize N under /usr/bin/time (peak RSS)
#   6. the goals of issue 14: the library's packing rate by stage (--packing-rate N), the emulator's
#      intake (--emulator-intake N against `emulate --in-memory`), the reference Python client
#      (bench/reference/amie_send.py) against `send amie --direct` on the same records, each to a
#      fresh in-memory emulator, and the CLI's peak RSS with the input piped through standard input
#   7. more of issue 14's figures: `validate` on sacct (N rows from a file, the big N piped through
#      standard input), the outbox's enqueue alone (--outbox-enqueue N, a new SQLite file, nothing
#      sending), and a streamed send of the big N (--kill-records) killed with SIGKILL --kill-after
#      seconds in, then rerun until it ends, the emulator's stored rows counted
#   8. the generator's own time (--generator-timing) and bench/AnalyzerBuild/run.sh
#   9. bench/report/render.py fills bench/README.template.md with the figures
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

quick=0; keep=0; records=""; stream_records=""; kill_records=""; kill_after=""; analyzer_runs=""; out="$here/README.md"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) quick=1 ;;
        --records) records="$2"; shift ;;
        --stream-records) stream_records="$2"; shift ;;
        --kill-records) kill_records="$2"; shift ;;
        --kill-after) kill_after="$2"; shift ;;
        --analyzer-runs) analyzer_runs="$2"; shift ;;
        --out) out="$2"; shift ;;
        --keep) keep=1 ;;
        -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 64 ;;
    esac
    shift
done
if [[ $quick == 1 ]]; then
    records="${records:-100000}"; stream_records="${stream_records:-1000000}"; analyzer_runs="${analyzer_runs:-1}"
    # In process: no per-benchmark build and process start, so the quick run stays short.
    kill_records="${kill_records:-$records}"; kill_after="${kill_after:-3}"
    bdn_job=dry; bdn_extra=(--inProcess); generator_runs=10
else
    records="${records:-1000000}"; stream_records="${stream_records:-10000000}"; analyzer_runs="${analyzer_runs:-5}"
    kill_records="${kill_records:-$stream_records}"; kill_after="${kill_after:-60}"
    bdn_job=short; bdn_extra=(); generator_runs=30
fi

work="$(mktemp -d -t usageschema-report-XXXXXX)"
emulator_pid=""
cleanup() {
    if [[ -n "$emulator_pid" ]] && kill -0 "$emulator_pid" 2>/dev/null; then
        kill -TERM "$emulator_pid" 2>/dev/null || true
        wait "$emulator_pid" 2>/dev/null || true
    fi
    rm -f "$work/records.jsonl" "$work/records-piped.jsonl" "$work/records-kill.jsonl" "$work"/*.sacct "$work"/*.db "$work"/*.db-wal "$work"/*.db-shm
    if [[ $keep == 0 ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT

started="$(date +%s)"
step=0; steps=9
progress() { step=$((step + 1)); echo "==> [$step/$steps] $* (at $(( $(date +%s) - started )) s)"; }
note() { echo "    $*"; }

bench_dll="$root/bench/UsageSchema.Benchmarks/bin/Release/net10.0/UsageSchema.Benchmarks.dll"
cli_dll="$root/src/UsageSchema.Cli/bin/Release/net10.0/usage-schema.dll"

# The commands as the README shows them (paths relative to the repository).
cat > "$work/commands.json" <<JSON
{
  "report": "bench/report.sh$([[ $quick == 1 ]] && echo ' --quick') --records $records --stream-records $stream_records --kill-records $kill_records --kill-after $kill_after --analyzer-runs $analyzer_runs",
  "build": "dotnet build -c Release bench/UsageSchema.Benchmarks && dotnet build -c Release src/UsageSchema.Cli",
  "bdn": "dotnet bench/UsageSchema.Benchmarks/bin/Release/net10.0/UsageSchema.Benchmarks.dll --filter '*PackingBenchmarks*' '*ValidationBenchmarks*' '*UpsertKeyBenchmarks*' '*GeneratorBenchmarks*' --job $bdn_job$([[ $quick == 1 ]] && echo ' --inProcess') --exporters json",
  "wire": "UsageSchema.Benchmarks.dll --packing-wire $records",
  "jsonl": "UsageSchema.Benchmarks.dll --write-jsonl $records records.jsonl",
  "validate": "/usr/bin/time dotnet usage-schema.dll validate records.jsonl",
  "emulate": "usage-schema.dll emulate --port 0 --db emulator.db --json",
  "stream": "/usr/bin/time -v dotnet UsageSchema.Benchmarks.dll --stream $stream_records",
  "streamSmall": "/usr/bin/time -v dotnet UsageSchema.Benchmarks.dll --stream $records",
  "materialize": "/usr/bin/time -v dotnet UsageSchema.Benchmarks.dll --materialize $records",
  "generatorTiming": "UsageSchema.Benchmarks.dll --generator-timing $generator_runs",
  "analyzer": "bench/AnalyzerBuild/run.sh $analyzer_runs",
  "packingRate": "UsageSchema.Benchmarks.dll --packing-rate $records",
  "intake": "usage-schema.dll emulate --port 0 --in-memory --json & UsageSchema.Benchmarks.dll --emulator-intake $records <emulator>/amie/api/v1/",
  "reference": "/usr/bin/time -v python3 bench/reference/amie_send.py records.jsonl --url <emulator>/amie/api/v1/",
  "referenceDirect": "/usr/bin/time -v dotnet usage-schema.dll send amie records.jsonl --url <emulator>/amie/api/v1/ --json --direct",
  "sacct": "UsageSchema.Benchmarks.dll --write-sacct N jobs.sacct; /usr/bin/time -v dotnet usage-schema.dll validate jobs.sacct --resource expanse.sdsc.access-ci.org --sacct-timezone UTC (the big N: cat jobs.sacct | ... validate - ...)",
  "enqueue": "UsageSchema.Benchmarks.dll --outbox-enqueue $records",
  "kill": "send amie records.jsonl --url <emulator>/amie/api/v1/ --outbox outbox.db --json, SIGKILL after $kill_after s, then the same command until it exits 0",
  "piped": "cat records-piped.jsonl | /usr/bin/time -v dotnet usage-schema.dll validate - (and send amie - --url <emulator>/amie/api/v1/ --json --direct; and the records as one JSON array: { echo '['; sed '\$!s/\$/,/' records-piped.jsonl; echo ']'; } | ... validate -)"
}
JSON

# The machine, and how busy it is (the report says so: a shared machine gives noisy figures).
python3 - "$work/machine.json" "$quick" "$records" "$stream_records" "$bdn_job" <<'PY'
import json, os, platform, re, subprocess, sys, datetime
def sh(*cmd):
    try: return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except Exception: return "unknown"
cpu = "unknown"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"): cpu = line.split(":", 1)[1].strip(); break
mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
osname = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME")), platform.platform())
runtimes = [l.split()[1] for l in sh("dotnet", "--list-runtimes").splitlines() if l.startswith("Microsoft.NETCore.App")]
json.dump({
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "cpu": cpu, "cores": os.cpu_count(), "memoryGiB": round(mem / 1048576, 1), "os": osname,
    "sdk": sh("dotnet", "--version"), "runtime": runtimes[-1] if runtimes else "unknown",
    "loadStart": open("/proc/loadavg").read().split()[:3],
    "quick": sys.argv[2] == "1", "records": int(sys.argv[3]), "streamRecords": int(sys.argv[4]), "bdnJob": sys.argv[5],
}, open(sys.argv[1], "w"), indent=2)
PY
git -C "$root" rev-parse --short HEAD > "$work/commit.txt" 2>/dev/null || echo unknown > "$work/commit.txt"
git -C "$root" status --porcelain -- src generators bench ':!bench/README.md' | grep -v '^??' > "$work/dirty.txt" || true
echo "work folder: $work ($( [[ $quick == 1 ]] && echo quick || echo full ) run: N=$records, stream N=$stream_records, BenchmarkDotNet job $bdn_job)"

progress "dotnet build -c Release (benchmarks, CLI)"
dotnet build -c Release "$root/bench/UsageSchema.Benchmarks/UsageSchema.Benchmarks.csproj" -v:q -nologo -tl:off > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet build -c Release "$root/src/UsageSchema.Cli/UsageSchema.Cli.csproj" -v:q -nologo -tl:off >> "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

progress "BenchmarkDotNet, job $bdn_job: packing (1,000,000 records per invocation), validation, upsert keys, generator"
# BenchmarkDotNet builds its own copy of the project; run from the repository so it finds it.
(cd "$root" && dotnet "$bench_dll" --filter '*PackingBenchmarks*' '*ValidationBenchmarks*' '*UpsertKeyBenchmarks*' '*GeneratorBenchmarks*' \
    --job "$bdn_job" "${bdn_extra[@]}" --exporters json --artifacts "$work/bdn") > "$work/bdn.log" 2>&1 || { tail -50 "$work/bdn.log" >&2; exit 1; }
grep -E '^\| ' "$work/bdn.log" | sed 's/^/    /' || true

progress "packing paths' wire output for $records records"
dotnet "$bench_dll" --packing-wire "$records" | tee "$work/packing-wire.out" | grep -v '^RESULT' | sed 's/^/    /'

# ---------------------------------------------------------------------------------------------
# The end-to-end send. Everything about the `send` command line is here, to adapt it when the
# CLI changes. send_variants prints one line per variant to measure: "NAME<TAB>extra arguments".
# The outbox database path placeholder @OUTBOX@ is replaced by a fresh file per run.
# ---------------------------------------------------------------------------------------------
send_base_args() { # FILE URL
    echo "send amie $1 --url $2 --json"
}
send_variants() {
    local help
    help="$(dotnet "$cli_dll" send amie --help 2>&1 || true)"
    local has_outbox=0 direct_flag=""
    grep -qE '(^|[[:space:]])--outbox([[:space:]]|$|,)' <<<"$help" && has_outbox=1
    if grep -qE '(^|[[:space:]])--direct([[:space:]]|$|,)' <<<"$help"; then direct_flag="--direct"
    elif grep -qE '(^|[[:space:]])--no-outbox([[:space:]]|$|,)' <<<"$help"; then direct_flag="--no-outbox"; fi
    if [[ $has_outbox == 1 ]]; then
        [[ -n "$direct_flag" ]] && printf 'direct\t%s\n' "$direct_flag"
        printf 'outbox\t%s\n' "--outbox @OUTBOX@"
    else
        # The CLI of this commit has no outbox: `send` is the direct path.
        printf 'direct\t%s\n' ""
    fi
}
amie_key="amie-emulator-key"; amie_site="EMULATOR"   # EmulatorOptions defaults (src/UsageSchema.Emulator/README.md)

progress "end to end: usage-schema send amie (JSONL, $records records) -> usage-schema emulate on loopback"
dotnet "$bench_dll" --write-jsonl "$records" "$work/records.jsonl" | sed 's/^/    /'
# Breakdown: the CLI reading and validating the same file, no network (what `send` does before it sends).
/usr/bin/time -f '%e %M' -o "$work/validate.time" dotnet "$cli_dll" validate "$work/records.jsonl" > "$work/validate.out" 2>&1 \
    || { echo "usage-schema validate failed:" >&2; tail -20 "$work/validate.out" >&2; exit 1; }
note "validate only: $(cat "$work/validate.time") (seconds, peak RSS KiB)"
: > "$work/e2e.jsonl"
while IFS=$'\t' read -r variant extra; do
    db="$work/emulator-$variant.db"; rm -f "$db"*
    dotnet "$cli_dll" emulate --port 0 --db "$db" --json > "$work/emulator-$variant.out" 2> "$work/emulator-$variant.err" &
    emulator_pid=$!
    for _ in $(seq 1 120); do grep -q '"storage"' "$work/emulator-$variant.out" 2>/dev/null && break; sleep 0.5; done
    amie_url="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["amie"])' "$work/emulator-$variant.out")" \
        || { echo "the emulator did not start:" >&2; cat "$work/emulator-$variant.err" >&2; exit 1; }
    extra="${extra//@OUTBOX@/$work/outbox-$variant.db}"
    # shellcheck disable=SC2046 # the arguments are split on purpose
    args=( $(send_base_args "$work/records.jsonl" "$amie_url") $extra )
    note "$variant: dotnet usage-schema.dll ${args[*]}"
    set +e
    USAGE_SCHEMA_AMIE_API_KEY="$amie_key" USAGE_SCHEMA_AMIE_SITE="$amie_site" \
        /usr/bin/time -f '%e %M' -o "$work/send-$variant.time" dotnet "$cli_dll" "${args[@]}" > "$work/send-$variant.json" 2> "$work/send-$variant.err"
    exit_code=$?
    set -e
    sleep 3   # the emulator loads queued records AmieLoadDelay (2 s) after they arrive
    loaded="$(curl -s -H "XA-API-KEY: $amie_key" -H "XA-SITE: $amie_site" "${amie_url}usage/status" | python3 -c 'import json,sys; print(sum(r.get("LoadedRecordCount", 0) for r in json.load(sys.stdin)))' 2>/dev/null || echo -1)"
    kill -TERM "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true; emulator_pid=""
    stored="$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from amie_records").fetchone()[0])' "$db")"
    python3 - "$work" "$variant" "$exit_code" "$stored" "$loaded" "${args[*]}" >> "$work/e2e.jsonl" <<'PY'
import json, sys
work, variant, code, stored, loaded, args = sys.argv[1:]
seconds, max_rss_kb = open(f"{work}/send-{variant}.time").read().split()[-2:]
try: report = json.load(open(f"{work}/send-{variant}.json"))
except Exception: report = {}
print(json.dumps({"variant": variant, "exitCode": int(code), "seconds": float(seconds), "maxRssBytes": int(max_rss_kb) * 1024,
                  "stored": int(stored), "loaded": int(loaded), "sent": report.get("records"), "accepted": report.get("accepted"),
                  # --direct answers one line per POST; through the outbox the lines are summaries, not requests.
                  "requests": len(report.get("responses", [])) if variant == "direct" else None, "args": args}))
PY
    tail -1 "$work/e2e.jsonl" | sed 's/^/    /'
done < <(send_variants)

# ---------------------------------------------------------------------------------------------
# Issue 14's goals. Each emulator here is fresh and in memory, so that no run sees another's
# records (a second send of the same IDs would be answered as duplicates).
# ---------------------------------------------------------------------------------------------
start_memory_emulator() { # NAME -> sets emulator_pid and amie_url
    dotnet "$cli_dll" emulate --port 0 --in-memory --json > "$work/emulator-$1.out" 2> "$work/emulator-$1.err" &
    emulator_pid=$!
    for _ in $(seq 1 120); do grep -q '"storage"' "$work/emulator-$1.out" 2>/dev/null && break; sleep 0.5; done
    amie_url="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["amie"])' "$work/emulator-$1.out")" \
        || { echo "the emulator did not start:" >&2; cat "$work/emulator-$1.err" >&2; exit 1; }
}
stop_emulator() { kill -TERM "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true; emulator_pid=""; }
direct_flag="$(send_variants | awk -F '\t' '$1 == "direct" { print $2 }')"
# The piped-input figures: the big N in the full report; the small one in --quick (a few minutes).
piped_records=$([[ $quick == 1 ]] && echo "$records" || echo "$stream_records")

progress "goals: packing rate, emulator intake, reference Python client vs send --direct, piped input ($piped_records records)"
dotnet "$bench_dll" --packing-rate "$records" > "$work/packing-rate.out" 2>&1 || { cat "$work/packing-rate.out" >&2; exit 1; }
grep -v '^RESULT' "$work/packing-rate.out" | sed 's/^/    /'

start_memory_emulator intake
dotnet "$bench_dll" --emulator-intake "$records" "$amie_url" "$amie_key" "$amie_site" > "$work/intake.out" 2>&1 || true
stop_emulator
grep -v '^RESULT' "$work/intake.out" | sed 's/^/    /'

start_memory_emulator reference
/usr/bin/time -v -o "$work/reference.time" python3 "$here/reference/amie_send.py" "$work/records.jsonl" --url "$amie_url" \
    --site "$amie_site" --key "$amie_key" > "$work/reference.json" 2> "$work/reference.err" || true
stop_emulator
note "reference client: $(cat "$work/reference.json" 2>/dev/null)"
start_memory_emulator direct
set +e
# shellcheck disable=SC2086 # an empty flag is no argument
USAGE_SCHEMA_AMIE_API_KEY="$amie_key" USAGE_SCHEMA_AMIE_SITE="$amie_site" /usr/bin/time -v -o "$work/reference-direct.time" \
    dotnet "$cli_dll" send amie "$work/records.jsonl" --url "$amie_url" --json $direct_flag > "$work/reference-direct.json" 2> "$work/reference-direct.err"
echo $? > "$work/reference-direct.exit"
set -e
stop_emulator
note "send amie ${direct_flag:-(direct)}: exit $(cat "$work/reference-direct.exit"), $(grep -E 'Elapsed' "$work/reference-direct.time" | sed 's/^\s*//')"

if [[ $piped_records == "$records" ]]; then piped_file="$work/records.jsonl"
else piped_file="$work/records-piped.jsonl"; dotnet "$bench_dll" --write-jsonl "$piped_records" "$piped_file" | sed 's/^/    /'; fi
set +e
# shellcheck disable=SC2002 # the point is a pipe: standard input, as an operator's job would feed it
cat "$piped_file" | /usr/bin/time -v -o "$work/piped-validate.time" dotnet "$cli_dll" validate - > "$work/piped-validate.out" 2>&1
echo $? > "$work/piped-validate.exit"
# The same records as one JSON array (a `.json` document), read element by element from the pipe.
{ echo '['; sed '$!s/$/,/' "$piped_file"; echo ']'; } | /usr/bin/time -v -o "$work/piped-json.time" dotnet "$cli_dll" validate - > "$work/piped-json.out" 2>&1
echo $? > "$work/piped-json.exit"
start_memory_emulator piped
# shellcheck disable=SC2002,SC2086
cat "$piped_file" | USAGE_SCHEMA_AMIE_API_KEY="$amie_key" USAGE_SCHEMA_AMIE_SITE="$amie_site" /usr/bin/time -v -o "$work/piped-send.time" \
    dotnet "$cli_dll" send amie - --url "$amie_url" --json $direct_flag > "$work/piped-send.json" 2> "$work/piped-send.err"
echo $? > "$work/piped-send.exit"
set -e
stop_emulator
echo "$piped_records" > "$work/piped-records.txt"
[[ $piped_file == "$work/records-piped.jsonl" ]] && rm -f "$piped_file"
note "piped validate: exit $(cat "$work/piped-validate.exit"); as a JSON array: exit $(cat "$work/piped-json.exit"); piped send: exit $(cat "$work/piped-send.exit")"

progress "more goals: validate sacct ($records and $piped_records rows), outbox enqueue alone ($records), killed send of $kill_records records"
sacct_args=(--resource expanse.sdsc.access-ci.org --sacct-timezone UTC)
dotnet "$bench_dll" --write-sacct "$records" "$work/jobs.sacct" | sed 's/^/    /'
set +e
/usr/bin/time -v -o "$work/sacct-validate.time" dotnet "$cli_dll" validate "$work/jobs.sacct" "${sacct_args[@]}" > "$work/sacct-validate.out" 2>&1
echo $? > "$work/sacct-validate.exit"
set -e
echo "$records" > "$work/sacct-records.txt"
if [[ $piped_records != "$records" ]]; then
    rm -f "$work/jobs.sacct"
    dotnet "$bench_dll" --write-sacct "$piped_records" "$work/jobs-piped.sacct" | sed 's/^/    /'
    set +e
    # shellcheck disable=SC2002 # standard input, as `sacct ... | usage-schema validate -` feeds it
    cat "$work/jobs-piped.sacct" | /usr/bin/time -v -o "$work/sacct-piped.time" dotnet "$cli_dll" validate - "${sacct_args[@]}" > "$work/sacct-piped.out" 2>&1
    echo $? > "$work/sacct-piped.exit"
    set -e
    echo "$piped_records" > "$work/sacct-piped-records.txt"
fi
rm -f "$work"/*.sacct
note "sacct validate: exit $(cat "$work/sacct-validate.exit")$([[ -f $work/sacct-piped.exit ]] && echo "; piped: exit $(cat "$work/sacct-piped.exit")")"

dotnet "$bench_dll" --outbox-enqueue "$records" "$work/enqueue.db" > "$work/enqueue.out" 2>&1 || { cat "$work/enqueue.out" >&2; exit 1; }
rm -f "$work"/enqueue.db*
grep -v '^RESULT' "$work/enqueue.out" | sed 's/^/    /'

# The killed send: streamed, through the outbox, to an emulator on a file (it outlives the kill);
# then the same command again until it ends (at most 5 reruns, each bounded by `timeout`).
if [[ $kill_records == "$records" ]]; then kill_file="$work/records.jsonl"
else kill_file="$work/records-kill.jsonl"; dotnet "$bench_dll" --write-jsonl "$kill_records" "$kill_file" | sed 's/^/    /'; fi
kill_db="$work/emulator-kill.db"; rm -f "$kill_db"*
dotnet "$cli_dll" emulate --port 0 --db "$kill_db" --json > "$work/emulator-kill.out" 2> "$work/emulator-kill.err" &
emulator_pid=$!
for _ in $(seq 1 120); do grep -q '"storage"' "$work/emulator-kill.out" 2>/dev/null && break; sleep 0.5; done
amie_url="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["amie"])' "$work/emulator-kill.out")" \
    || { echo "the emulator did not start:" >&2; cat "$work/emulator-kill.err" >&2; exit 1; }
kill_args=(send amie "$kill_file" --url "$amie_url" --outbox "$work/outbox-kill.db" --json)
set +e
USAGE_SCHEMA_AMIE_API_KEY="$amie_key" USAGE_SCHEMA_AMIE_SITE="$amie_site" dotnet "$cli_dll" "${kill_args[@]}" > "$work/kill-first.json" 2>&1 &
sender_pid=$!
sleep "$kill_after"
killed=0
if kill -0 "$sender_pid" 2>/dev/null; then kill -KILL "$sender_pid"; killed=1; fi
wait "$sender_pid" 2>/dev/null
kill_started="$(date +%s)"; reruns=0; rerun_exit=-1
while [[ $reruns -lt 5 ]]; do
    reruns=$((reruns + 1))
    USAGE_SCHEMA_AMIE_API_KEY="$amie_key" USAGE_SCHEMA_AMIE_SITE="$amie_site" timeout 3600 dotnet "$cli_dll" "${kill_args[@]}" > "$work/kill-rerun.json" 2>&1
    rerun_exit=$?
    [[ $rerun_exit == 0 ]] && break
done
rerun_seconds=$(( $(date +%s) - kill_started ))
set -e
stop_emulator
python3 - "$kill_db" "$kill_records" "$kill_after" "$killed" "$reruns" "$rerun_exit" "$rerun_seconds" > "$work/kill.json" <<'PY'
import json, sqlite3, sys
db, records, after, killed, reruns, code, seconds = sys.argv[1:]
rows, distinct = sqlite3.connect(db).execute("select count(*), count(distinct resource || '/' || local_record_id) from amie_records").fetchone()
print(json.dumps({"records": int(records), "killAfter": float(after), "killed": killed == "1", "reruns": int(reruns),
                  "rerunExit": int(code), "rerunSeconds": int(seconds), "stored": rows, "distinct": distinct}))
PY
[[ $kill_file == "$work/records-kill.jsonl" ]] && rm -f "$kill_file"
rm -f "$kill_db"* "$work"/outbox-kill.db*
note "killed send: $(cat "$work/kill.json")"

progress "memory: --stream $stream_records, --stream $records and --materialize $records (peak RSS)"
for run in "stream-big --stream $stream_records" "stream-small --stream $records" "materialize --materialize $records"; do
    read -r name mode count <<<"$run"
    /usr/bin/time -v -o "$work/$name.time" dotnet "$bench_dll" "$mode" "$count" > "$work/$name.out" 2>&1 || { cat "$work/$name.out" >&2; exit 1; }
    note "$name: $(grep -E 'Maximum resident set size' "$work/$name.time" | sed 's/^\s*//'); $(grep -E '^Sent ' "$work/$name.out")"
done

progress "generator timing and the analyzers' cost in a consumer's build (bench/AnalyzerBuild/run.sh $analyzer_runs)"
dotnet "$bench_dll" --generator-timing "$generator_runs" > "$work/generator-timing.out" 2>&1
grep -v '^RESULT' "$work/generator-timing.out" | sed 's/^/    /'
"$root/bench/AnalyzerBuild/run.sh" "$analyzer_runs" > "$work/analyzer.out" 2>&1 || { cat "$work/analyzer.out" >&2; exit 1; }
sed -n '/^object creations/,$p' "$work/analyzer.out" | sed 's/^/    /'

progress "writing $out"
python3 - "$work/machine.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); m["loadEnd"] = open("/proc/loadavg").read().split()[:3]
json.dump(m, open(sys.argv[1], "w"), indent=2)
PY
python3 "$here/report/render.py" "$work" "$here/README.template.md" "$out"
echo "done in $(( $(date +%s) - started )) s; raw outputs in $work$([[ $keep == 0 ]] && echo ' (removed; --keep keeps them)')"
