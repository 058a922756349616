#!/usr/bin/env python3
"""Fills bench/README.template.md with the figures bench/report.sh collected in its work folder.

Usage: render.py WORK TEMPLATE OUT

Every {{name}} in the template must be filled; an unfilled one is an error, so the template and
this script cannot drift apart silently. Ratios are computed here from figures of the same run.
"""
import glob
import json
import os
import re
import sys

work, template_path, out_path = sys.argv[1:4]


def result_line(path):
    """The figures a console mode printed as `RESULT {json}`."""
    for line in open(path):
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise SystemExit(f"no RESULT line in {path}")


def time_v(path):
    """Peak RSS (bytes) and wall seconds from `/usr/bin/time -v`."""
    text = open(path).read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) * 1024
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", text)
    hours, minutes, seconds = wall.groups()
    return rss, int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)


def n(value, digits=0):
    return f"{value:,.{digits}f}"


def mib(value):
    return f"{value / 1048576:,.1f} MiB"


def ns(value):
    if value >= 1e6:
        return f"{value / 1e6:,.2f} ms"
    if value >= 1e3:
        return f"{value / 1e3:,.3f} µs"
    return f"{value:,.2f} ns"


def ratio(value, base):
    return f"{value / base:.2f}" if base else "n/a"


machine = json.load(open(os.path.join(work, "machine.json")))
commands = json.load(open(os.path.join(work, "commands.json")))
commit = open(os.path.join(work, "commit.txt")).read().strip()
dirty = open(os.path.join(work, "dirty.txt")).read().strip()
quick = machine["quick"]
records = machine["records"]
stream_records = machine["streamRecords"]

# ---- BenchmarkDotNet (JSON exporter) ----
BASELINES = {"PackingBenchmarks": "SerializeAllThenSplit", "ValidationBenchmarks": "ComputeRecord_Valid", "GeneratorBenchmarks": "FirstRun"}
bdn = {}
host = {}
for path in sorted(glob.glob(os.path.join(work, "bdn", "results", "*.json"))):
    report = json.load(open(path))
    host = report["HostEnvironmentInfo"]
    for benchmark in report["Benchmarks"]:
        stats = benchmark.get("Statistics") or {}
        bdn.setdefault(benchmark["Type"], {})[benchmark["Method"]] = {
            "title": benchmark.get("MethodTitle") or benchmark["Method"],
            "mean": stats.get("Mean"),
            "min": stats.get("Min"),
            "max": stats.get("Max"),
            "n": stats.get("N"),
            "allocated": (benchmark.get("Memory") or {}).get("BytesAllocatedPerOperation"),
        }


def bdn_table(type_name, with_ratio):
    rows = bdn.get(type_name)
    if not rows:
        raise SystemExit(f"no BenchmarkDotNet results for {type_name}")
    base = rows.get(BASELINES.get(type_name, ""), {}).get("mean")
    head = "| Method | Mean | Min – Max | " + ("Ratio | " if with_ratio else "") + "Allocated |"
    lines = [head, "|---|---:|---:|" + ("---:|" if with_ratio else "") + "---:|"]
    for method, row in rows.items():
        cells = [row["title"].strip("'"), ns(row["mean"]), f"{ns(row['min'])} – {ns(row['max'])}"]
        if with_ratio:
            cells.append(ratio(row["mean"], base))
        cells.append(f"{n(row['allocated'])} B")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


packing = bdn["PackingBenchmarks"]
packer, reference = packing["OnePass"], packing["SerializeAllThenSplit"]
wire = result_line(os.path.join(work, "packing-wire.out"))
packer_rps, reference_rps = 1e9 / packer["mean"], 1e9 / reference["mean"]
packer_wire, reference_wire = wire["packerBodyBytes"] / wire["records"], wire["referenceBodyBytes"] / wire["records"]

# ---- End to end ----
e2e = [json.loads(line) for line in open(os.path.join(work, "e2e.jsonl")) if line.strip()]
stream_small = result_line(os.path.join(work, "stream-small.out"))
stream_small_rss, _ = time_v(os.path.join(work, "stream-small.time"))
in_process_rps = stream_small["accepted"] / stream_small["seconds"]
e2e_rows = ["| Variant | `send` arguments | Wall time | Records/s | Stored by the emulator | Loaded (status) | Requests | Exit | CLI peak RSS |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
for run in e2e:
    run["rps"] = records / run["seconds"]
    check = "" if run["stored"] == records else " ⚠"
    e2e_rows.append(f"| {run['variant']} | `{run['args'].replace(work, '$WORK')}` | {run['seconds']:.1f} s | {n(run['rps'])} | {n(run['stored'])}{check} | "
                    f"{n(run['loaded'])} | {run['requests'] if run['requests'] is not None else '–'} | {run['exitCode']} | {mib(run['maxRssBytes'])} |")
validate_seconds, validate_rss_kb = open(os.path.join(work, "validate.time")).read().split()[-2:]
validate_seconds, validate_rss = float(validate_seconds), int(validate_rss_kb) * 1024
by_variant = {run["variant"]: run for run in e2e}
if "direct" in by_variant and "outbox" in by_variant:
    e2e_baseline_text = ("Baseline: the same records sent with the direct path (`send` without the outbox). "
                         f"Outbox / direct records/s: **{ratio(by_variant['outbox']['rps'], by_variant['direct']['rps'])}**.")
    e2e_main, e2e_base, e2e_base_name = by_variant["outbox"], by_variant["direct"], "direct `send` (no outbox), same run"
else:
    only = e2e[0]
    e2e_baseline_text = (f"The CLI measured here has no outbox option in `send amie --help` (variant `{only['variant']}` only), so there is "
                         "no direct-versus-outbox pair yet; the script measures both as soon as `--outbox` (and `--direct` or "
                         "`--no-outbox`) appear. As a reference this report compares with the same library path **in process**: "
                         f"`--stream {records}` (no file, no JSON reading, no HTTP, no emulator; records generated in memory, an "
                         f"in-memory handler answering 200): {n(in_process_rps)} records/s. End to end / in process: "
                         f"**{ratio(only['rps'], in_process_rps)}**.")
    e2e_main, e2e_base, e2e_base_name = only, {"rps": in_process_rps}, f"in process, `--stream {records}` (no file, no HTTP)"

# ---- Memory ----
big = result_line(os.path.join(work, "stream-big.out"))
big_rss, big_wall = time_v(os.path.join(work, "stream-big.time"))
materialized = result_line(os.path.join(work, "materialize.out"))
materialized_rss, materialized_wall = time_v(os.path.join(work, "materialize.time"))
_, small_wall = time_v(os.path.join(work, "stream-small.time"))
materialized_per_record = (materialized_rss - stream_small_rss) / records
stream_growth = (big_rss - stream_small_rss) / (stream_records - records) if stream_records != records else 0
memory_rows = [
    "| Run | Records | Peak RSS (`/usr/bin/time -v`) | Peak RSS (VmHWM, in process) | Wall time | Records/s |",
    "|---|---:|---:|---:|---:|---:|",
    f"| stream (`--stream {stream_records}`) | {n(stream_records)} | {mib(big_rss)} | {mib(big['peakResidentBytes'])} | {big_wall:.1f} s | {n(big['accepted'] / big['seconds'])} |",
    f"| stream (`--stream {records}`) | {n(records)} | {mib(stream_small_rss)} | {mib(stream_small['peakResidentBytes'])} | {small_wall:.1f} s | {n(stream_small['accepted'] / stream_small['seconds'])} |",
    f"| baseline: materialise first (`--materialize {records}`) | {n(records)} | {mib(materialized_rss)} | {mib(materialized['peakResidentBytes'])} | {materialized_wall:.1f} s | {n(materialized['accepted'] / materialized['seconds'])} |",
]
stream_table = "\n".join(line.rstrip("\n") for line in open(os.path.join(work, "stream-big.out")) if line.startswith("|"))

# ---- Generator and analyzers ----
generator = result_line(os.path.join(work, "generator-timing.out"))
analyzer_text = open(os.path.join(work, "analyzer.out")).read()


def analyzer_figure(label):
    match = re.search(re.escape(label) + r"\s*([\d.]+)", analyzer_text)
    if not match:
        raise SystemExit(f"'{label}' not in the analyzer output")
    return float(match.group(1))


analyzer = {
    "creations": int(analyzer_figure("object creations:")),
    "runs": int(analyzer_figure("runs (alternating, after warm-up):")),
    "with": analyzer_figure("build with analyzers    (median):"),
    "without": analyzer_figure("build without analyzers (median):"),
    "own": analyzer_figure("UsageSchema.Analyzers   (median):"),
    "all": float(re.search(r"all analyzers ([\d.]+) s", analyzer_text).group(1)),
}
analyzer_runs = "\n".join("- " + line.strip() for line in analyzer_text.splitlines() if line.startswith("run "))
generator_bdn = bdn["GeneratorBenchmarks"]

# ---- Summary ----
summary = [
    "| Figure | This library | Baseline (same run) | Ratio |",
    "|---|---:|---:|---:|",
    f"| a. validate + serialize + pack, records/s (BenchmarkDotNet, 1,000,000 records) | {n(packer_rps)} | {n(reference_rps)} (reference client: serialize all, then split) | **{ratio(packer_rps, reference_rps)}×** |",
    f"| a. bytes allocated per record | {n(packer['allocated'])} B | {n(reference['allocated'])} B | {ratio(packer['allocated'], reference['allocated'])} |",
    f"| a. bytes on the wire per record (`--packing-wire {wire['records']}`) | {packer_wire:,.1f} B | {reference_wire:,.1f} B | {ratio(packer_wire, reference_wire)} |",
    f"| b. end to end, CLI → emulator over loopback, records/s ({n(records)} records, {e2e_main['variant']}) | {n(e2e_main['rps'])} | {n(e2e_base['rps'])} ({e2e_base_name}) | {ratio(e2e_main['rps'], e2e_base['rps'])} |",
    f"| c. peak RSS, read → validate → pack, {n(records)} records | {mib(stream_small_rss)} (streamed) | {mib(materialized_rss)} (materialised first) | {ratio(stream_small_rss, materialized_rss)} |",
    f"| c. peak RSS, {n(stream_records)} records | {mib(big_rss)} (streamed) | about {mib(stream_small_rss + materialized_per_record * stream_records)} (materialised, extrapolated from {n(records)}) | {ratio(big_rss, stream_small_rss + materialized_per_record * stream_records)} |",
    f"| c. memory growth per record | {stream_growth:,.1f} B (stream, {n(records)} → {n(stream_records)}) | {materialized_per_record:,.0f} B (materialised − streamed, at {n(records)}) | |",
    f"| d. consumer build with the analyzers (median of {analyzer['runs']}) | {analyzer['with']:.2f} s | {analyzer['without']:.2f} s without them | {ratio(analyzer['with'], analyzer['without'])} |",
    f"| d. source generator, first run of a new driver (median, warm process) | {generator['warmMedianMs']:.2f} ms | {generator['coldMs']:.0f} ms (cold: fresh process, JIT) | |",
]

load = f"{' '.join(machine['loadStart'])} at the start, {' '.join(machine.get('loadEnd', ['?']))} at the end"
banner = ("> **QUICK RUN** (`bench/report.sh --quick`): small N and BenchmarkDotNet's dry job (one cold invocation), "
          "to check that the script works end to end. These figures are **not** measurements to quote; run "
          "`bench/report.sh` for the report.\n") if quick else ""
if float(machine["loadStart"][0]) > machine["cores"] or float(machine.get("loadEnd", ["0"])[0]) > machine["cores"]:
    banner += (f"\n> **Busy machine**: the load average ({load}) was above the {machine['cores']} cores, so other work "
               "competed for the CPU; absolute figures are inflated and noisy. Re-run on a quiet machine before quoting them.\n")
# ---- Issue 14's goals: each figure, its goal, met or not ----
def optional_time_v(name):
    path = os.path.join(work, f"{name}.time")
    try:
        return time_v(path)
    except (OSError, AttributeError):
        return None


def exit_code(name):
    try:
        return int(open(os.path.join(work, f"{name}.exit")).read().strip())
    except (OSError, ValueError):
        return None


def met(ok):
    return "✅ met" if ok else "❌ missed"


packing_rate = result_line(os.path.join(work, "packing-rate.out"))
try:
    intake = result_line(os.path.join(work, "intake.out"))
except SystemExit:
    intake = None
try:
    reference_run = json.loads(open(os.path.join(work, "reference.json")).read().strip().splitlines()[-1])
except (OSError, ValueError, IndexError):
    reference_run = None
reference_tv = optional_time_v("reference")
direct_tv = optional_time_v("reference-direct")
piped_records = int(open(os.path.join(work, "piped-records.txt")).read())
goal_rows = ["| Figure | Measured | Baseline (same run) | Goal | |", "|---|---:|---:|---:|---|"]


def goal(label, measured, shown, baseline, goal_text, ok):
    goal_rows.append(f"| {label} | {shown if measured is not None else 'not measured'} | {baseline} | {goal_text} | {met(ok) if measured is not None else '–'} |")


validate_rps_value = records / validate_seconds if validate_seconds else 0
goal(f"`validate` JSON Lines, records/s ({n(records)} records, file)", validate_rps_value, n(validate_rps_value), "–", "≥ 500,000", validate_rps_value >= 500_000)
def read_int(name):
    try:
        return int(open(os.path.join(work, name)).read().strip())
    except (OSError, ValueError):
        return None


for name, how in (("sacct-validate", "file"), ("sacct-piped", "`cat FILE \\| validate -`")):
    rows, tv, code = read_int(f"{name.replace('-validate', '')}-records.txt"), optional_time_v(name), exit_code(name)
    if rows is None:
        continue
    rate = rows / tv[1] if tv and code == 0 and tv[1] else None
    goal(f"`validate` sacct, records/s ({n(rows)} rows, {how})", rate, f"{n(rate)} ({mib(tv[0])} peak)" if rate else f"exit {code}", "–", "≥ 500,000",
         rate is not None and rate >= 500_000)
outbox_run, direct_run = by_variant.get("outbox"), by_variant.get("direct")
goal(f"`send amie` through the SQLite outbox, records/s ({n(records)})", outbox_run and outbox_run["rps"], n(outbox_run["rps"]) if outbox_run else "",
     f"{n(direct_run['rps'])} (direct)" if direct_run else "–", "≥ 100,000", bool(outbox_run) and outbox_run["rps"] >= 100_000)
goal(f"`send amie --direct`, records/s ({n(records)})", direct_run and direct_run["rps"], n(direct_run["rps"]) if direct_run else "", "–", "≥ 250,000",
     bool(direct_run) and direct_run["rps"] >= 250_000)
for name, label, form in (("piped-validate", "`cat FILE \\| validate -`", "JSON Lines"), ("piped-json", "`validate -`", "one JSON array"),
                          ("piped-send", "`cat FILE \\| send amie - --direct`", "JSON Lines")):
    tv, code = optional_time_v(name), exit_code(name)
    if code is None:
        continue
    measured = tv[0] if tv and code in (0, 1) else None
    note_text = "" if measured is not None else f" (exit {code}: this CLI does not take standard input)"
    goal(f"CLI peak RSS, {label}, {form}, {n(piped_records)} records{note_text}", measured, mib(measured) if measured else "", "–", "≤ 200 MiB",
         measured is not None and measured <= 200 * 1048576)
try:
    enqueue = result_line(os.path.join(work, "enqueue.out"))
except (OSError, SystemExit):
    enqueue = None
goal(f"outbox enqueue alone, records/s (`--outbox-enqueue`, {n(enqueue['records']) if enqueue else '?'}, SQLite file, batches of 5,000)",
     enqueue and enqueue["per_s"], f"{n(enqueue['per_s'])} ({n(enqueue['per_cpu_s'])} per CPU-s)" if enqueue else "", "–", "≥ 300,000",
     bool(enqueue) and enqueue["per_s"] >= 300_000)
try:
    kill = json.load(open(os.path.join(work, "kill.json")))
except (OSError, ValueError):
    kill = None
if kill:
    whole = kill["stored"] == kill["records"] and kill["distinct"] == kill["records"] and kill["rerunExit"] == 0
    goal(f"`send amie` (outbox) of {n(kill['records'])} records, {'SIGKILL after ' + n(kill['killAfter']) + ' s' if kill['killed'] else 'ended before the kill'}, then rerun",
         kill["stored"], f"{n(kill['stored'])} stored, {n(kill['distinct'])} distinct; {kill['reruns']} rerun(s), {kill['rerunSeconds']} s, exit {kill['rerunExit']}",
         "–", "every record stored once", whole and kill["killed"])
goal("library validate + serialize + pack, records/s (BenchmarkDotNet)", packer_rps, n(packer_rps), f"{n(reference_rps)} (reference packing)", "≥ 1,500,000",
     packer_rps >= 1_500_000)
goal(f"library validate + serialize + pack, records/s (`--packing-rate`, CPU time, {n(packing_rate['records'])})", packing_rate["pack_per_s"],
     n(packing_rate["pack_per_s"]), f"stages alone: IsValid {n(packing_rate['validate_per_s'])}/s, JsonSerializer {n(packing_rate['serialize_per_s'])}/s", "≥ 1,500,000",
     packing_rate["pack_per_s"] >= 1_500_000)
intake_rps = intake["records_per_s"] if intake and intake["failed_posts"] == 0 else None
goal(f"emulator intake, records/s (in memory, 1000-record bodies, {n(records)})", intake_rps, n(intake_rps) if intake_rps else "", "–", "≥ 300,000",
     intake_rps is not None and intake_rps >= 300_000)
if reference_tv and direct_tv and exit_code("reference-direct") == 0:
    speedup = reference_tv[1] / direct_tv[1]
    goal(f"`send amie --direct` against the reference Python client, {n(records)} records, wall time", speedup,
         f"{direct_tv[1]:.1f} s, {mib(direct_tv[0])} (**{speedup:.2f}×**)", f"{reference_tv[1]:.1f} s, {mib(reference_tv[0])} (amie_send.py)", "≥ 5× faster, ≤ 200 MiB",
         speedup >= 5 and direct_tv[0] <= 200 * 1048576)
else:
    goal("`send amie --direct` against the reference Python client", None, "", "–", "≥ 5× faster, ≤ 200 MiB", False)


values = {
    "banner": banner,
    "mode": "quick (`--quick`)" if quick else "full",
    "date": machine["date"],
    "cpu": host.get("ProcessorName", machine["cpu"]),
    "cores": str(machine["cores"]),
    "memory": f"{machine['memoryGiB']} GiB",
    "os": machine["os"],
    "runtime": host.get("RuntimeVersion", machine["runtime"]),
    "sdk": machine["sdk"],
    "commit": commit + (" (with uncommitted changes under src/, generators/ or bench/)" if dirty else ""),
    "load": load,
    "bdn_job": machine["bdnJob"],
    "records": n(records),
    "stream_records": n(stream_records),
    "summary_table": "\n".join(summary),
    "packing_table": bdn_table("PackingBenchmarks", True),
    "packer_rps": n(packer_rps),
    "reference_rps": n(reference_rps),
    "packing_speedup": ratio(packer_rps, reference_rps),
    "packer_alloc": n(packer["allocated"]),
    "reference_alloc": n(reference["allocated"]),
    "wire_records": n(wire["records"]),
    "packer_wire": f"{packer_wire:,.1f}",
    "reference_wire": f"{reference_wire:,.1f}",
    "packer_requests": n(wire["packerRequests"]),
    "e2e_table": "\n".join(e2e_rows),
    "e2e_baseline": e2e_baseline_text,
    "validate_seconds": f"{validate_seconds:.1f}",
    "validate_rps": n(records / validate_seconds),
    "validate_rss": mib(validate_rss),
    "memory_table": "\n".join(memory_rows),
    "materialized_per_record": f"{materialized_per_record:,.0f}",
    "stream_growth": f"{stream_growth:,.1f}",
    "materialized_extrapolated": mib(stream_small_rss + materialized_per_record * stream_records),
    "stream_samples": stream_table,
    "validation_table": bdn_table("ValidationBenchmarks", True),
    "upsert_table": bdn_table("UpsertKeyBenchmarks", False),
    "generator_table": bdn_table("GeneratorBenchmarks", True),
    "generator_cold": f"{generator['coldMs']:.0f}",
    "generator_warm": f"{generator['warmMedianMs']:.2f}",
    "generator_warm_min": f"{generator['warmMinMs']:.2f}",
    "generator_warm_max": f"{generator['warmMaxMs']:.2f}",
    "generator_warm_runs": str(generator["warmRuns"]),
    "generator_files": str(generator["files"]),
    "generator_first_bdn": ns(generator_bdn["FirstRun"]["mean"]),
    "analyzer_creations": n(analyzer["creations"]),
    "analyzer_runs": str(analyzer["runs"]),
    "analyzer_with": f"{analyzer['with']:.2f}",
    "analyzer_without": f"{analyzer['without']:.2f}",
    "analyzer_ratio": ratio(analyzer["with"], analyzer["without"]),
    "analyzer_own": f"{analyzer['own']:.3f}",
    "analyzer_all": f"{analyzer['all']:.3f}",
    "analyzer_per_run": analyzer_runs,
    "goals_table": "\n".join(goal_rows),
    "piped_records": n(piped_records),
}
values.update({f"cmd_{key}": value for key, value in commands.items()})

text = open(template_path).read()
missing = sorted(set(re.findall(r"\{\{(\w+)\}\}", text)) - set(values))
if missing:
    raise SystemExit(f"the template uses names render.py does not fill: {', '.join(missing)}")
text = re.sub(r"\{\{(\w+)\}\}", lambda match: values[match.group(1)], text)
text = re.sub(r"\n{3,}", "\n\n", text)  # an empty banner leaves no gap
open(out_path, "w").write(text)
print(f"wrote {out_path}")
